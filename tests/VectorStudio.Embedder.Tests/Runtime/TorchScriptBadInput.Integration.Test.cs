// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>Bad models and bad batches give an <see cref="EmbedderException"/> of the right kind, never a crash.</summary>
[Collection(ModelCollection.Name)]
public sealed class TorchScriptBadInputTests(ModelFixture models)
{
    [TorchFact]
    public void Load_Should_FailWithModelNotFound_When_TheModelFileIsMissing()
    {
        var dir = models.VariantOf("pooled-torchscript", "missing-torchscript", m => m);
        File.Delete(Path.Combine(dir, "model.pt"));
        var e = Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(dir));
        Assert.Equal(EmbedderErrorKind.ModelNotFound, e.Kind);
        Assert.Contains("model.pt", e.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Load_Should_FailWithInvalidModel_When_TheFileIsTruncated()
    {
        var dir = models.VariantOf("pooled-torchscript", "corrupt-torchscript", m => m);
        var path = Path.Combine(dir, "model.pt");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(dir));
        Assert.Equal(EmbedderErrorKind.InvalidModel, e.Kind);
        Assert.Contains("not a loadable TorchScript model", e.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Load_Should_FailWithInvalidModel_When_TheFileIsAStateDictNotTorchScript()
    {
        var e = Assert.Throws<EmbedderException>(() => LoadBad("not-torchscript.pt", "none"));
        Assert.Equal(EmbedderErrorKind.InvalidModel, e.Kind);
    }

    [TorchFact]
    public void Load_Should_FailWithInvalidModel_When_TheFileIsNotAModelAtAll()
    {
        var dir = models.VariantOf("pooled-torchscript", "text-torchscript", m => m);
        File.WriteAllText(Path.Combine(dir, "model.pt"), "this is not a model");
        var e = Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(dir));
        Assert.Equal(EmbedderErrorKind.InvalidModel, e.Kind);
    }

    [TorchFact]
    public void Load_Should_FailWithUnsupportedOutput_When_TheModelOutputsOneNumberPerSequence()
    {
        var e = Assert.Throws<EmbedderException>(() => LoadBad("wrong-shape.pt", "none"));
        Assert.Equal(EmbedderErrorKind.UnsupportedOutput, e.Kind);
        Assert.Contains("[1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("accepted: [batch, dim]", e.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Load_Should_FailWithUnsupportedOutput_When_PoolingDisagreesWithTheOutputShape()
    {
        var tokensWithoutPooling = models.VariantOf("tokens-torchscript", "tokens-nopool", m => m.Replace("\"mean\"", "\"none\"", StringComparison.Ordinal));
        var e = Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(tokensWithoutPooling));
        Assert.Equal(EmbedderErrorKind.UnsupportedOutput, e.Kind);
        Assert.Contains("set pooling to mean or cls", e.Message, StringComparison.Ordinal);

        var pooledWithPooling = models.VariantOf("pooled-torchscript", "pooled-mean", m => m.Replace("\"none\"", "\"mean\"", StringComparison.Ordinal));
        e = Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(pooledWithPooling));
        Assert.Equal(EmbedderErrorKind.UnsupportedOutput, e.Kind);
        Assert.Contains("set pooling to none", e.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Embed_Should_RejectBadBatchesAndKeepWorking_When_InputIsInvalid()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("pooled-torchscript"));
        var cases = new (long[] Ids, long[] Mask, int Batch, int Seq, string Message)[]
        {
            ([], [], 0, 4, "empty batch"),
            (new long[129], Ones(129), 1, 129, "outside 1..128"),
            (new long[6], Ones(5), 1, 6, "attention_mask 5"),
            ([2, -1, 3], Ones(3), 1, 3, "non-negative"),
            ([2, 7, 3], [1, 2, 1], 1, 3, "accepted: 0 (padding) or 1"),
        };
        foreach (var c in cases)
        {
            var e = Assert.Throws<EmbedderException>(() => backend.Embed(c.Ids, c.Mask, c.Batch, c.Seq));
            Assert.Equal(EmbedderErrorKind.InvalidInput, e.Kind);
            Assert.Contains(c.Message, e.Message, StringComparison.Ordinal);
        }

        // A token id beyond the vocabulary fails inside LibTorch's embedding lookup: a clear error, no crash.
        var outOfVocabulary = Assert.Throws<EmbedderException>(() => backend.Embed([2, 5000, 3], Ones(3), 1, 3));
        Assert.Equal(EmbedderErrorKind.InferenceFailed, outOfVocabulary.Kind);

        var b = models.Batches[1];
        VectorAssert.Close(b.Pooled, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), 1e-5, "after bad input");
    }

    [TorchFact]
    public void Embed_Should_Throw_When_TheBackendIsDisposed()
    {
        var backend = EmbeddingBackends.Load(models.PathOf("pooled-torchscript"));
        backend.Dispose();
        Assert.Throws<ObjectDisposedException>(() => backend.Embed([2, 3], Ones(2), 1, 2));
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();

    private IEmbeddingBackend LoadBad(string file, string pooling)
    {
        var dir = models.VariantOf("pooled-torchscript", "bad-" + file, m => m
            .Replace("\"model.pt\"", $"\"{file}\"", StringComparison.Ordinal)
            .Replace("\"pooling\": \"none\"", $"\"pooling\": \"{pooling}\"", StringComparison.Ordinal));
        File.Copy(models.PathOf(Path.Combine("bad", file)), Path.Combine(dir, file), overwrite: true);
        return EmbeddingBackends.Load(dir);
    }
}
