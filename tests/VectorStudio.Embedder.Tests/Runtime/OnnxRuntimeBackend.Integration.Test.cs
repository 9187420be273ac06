// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// The ONNX Runtime backend on the same model exported to ONNX by PyTorch, against PyTorch's TorchScript
/// outputs. Tolerance 1e-4 absolute per element: ONNX Runtime fuses LayerNorm, GELU and attention and sums in
/// a different order than LibTorch, which moves float32 results by about 1e-6 relative per op; across two
/// layers that stays well under 1e-4 for O(1) values (measured here: at most 5e-7), while a wrong input binding or
/// pooling is off by 1e-2 or more.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class OnnxRuntimeBackendTests(ModelFixture models)
{
    private const double Tolerance = 1e-4;

    [OnnxFact]
    public void Embed_Should_MatchPyTorch_When_TheModelPoolsItself()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("pooled-onnx"));
        foreach (var b in models.Batches)
        {
            VectorAssert.Close(b.Pooled, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, $"batch {b.Batch}×{b.Sequence}");
        }
    }

    [OnnxFact]
    public void Embed_Should_MatchPyTorch_When_TheNodeMeanPoolsAndNormalises()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("tokens-onnx"));
        foreach (var b in models.Batches)
        {
            VectorAssert.Close(b.MeanNormalized, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, $"batch {b.Batch}×{b.Sequence}");
        }
    }

    [OnnxFact]
    public void Embed_Should_FeedZeroTokenTypes_When_TheModelDeclaresTokenTypeIds()
    {
        using var backend = (OnnxRuntimeBackend)EmbeddingBackends.Load(models.PathOf("pooled-typed-onnx"));
        Assert.Equal(["input_ids", "token_type_ids", "attention_mask"], backend.InputNames);
        foreach (var b in models.Batches)
        {
            VectorAssert.Close(b.Pooled, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, "typed");
        }
    }

    [OnnxFact]
    public void Load_Should_ReportCpuAndLogTheFallback_When_CudaIsRequested()
    {
        var lines = new List<string>();
        using var backend = EmbeddingBackends.Load(
            models.PathOf("tokens-onnx"), new EmbeddingBackendOptions { Device = "cuda", IntraOpThreads = 1, Log = lines.Add });
        Assert.Equal(new EmbeddingModelInfo("tiny-tokens", ModelBackendKind.Onnx, models.Hidden, "cpu", "fp32", 128, PoolingMode.Mean, true), backend.Info);
        Assert.Contains(lines, l => l.Contains("falling back to CPU", StringComparison.Ordinal));
    }

    [OnnxFact]
    public void Load_Should_FailWithClearKinds_When_TheModelIsMissingCorruptOrOfTheWrongShape()
    {
        var missing = models.VariantOf("pooled-onnx", "missing-onnx", m => m);
        File.Delete(Path.Combine(missing, "model.onnx"));
        Assert.Equal(EmbedderErrorKind.ModelNotFound, Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(missing)).Kind);

        var corrupt = models.VariantOf("pooled-onnx", "corrupt-onnx", m => m);
        var path = Path.Combine(corrupt, "model.onnx");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..1000]);
        var e = Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(corrupt));
        Assert.Equal(EmbedderErrorKind.InvalidModel, e.Kind);
        Assert.Contains("not a loadable ONNX model", e.Message, StringComparison.Ordinal);

        var torchScriptAsOnnx = models.VariantOf("pooled-onnx", "pt-as-onnx", m => m);
        File.Copy(models.PathOf("pooled-torchscript/model.pt"), Path.Combine(torchScriptAsOnnx, "model.onnx"), overwrite: true);
        Assert.Equal(EmbedderErrorKind.InvalidModel, Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(torchScriptAsOnnx)).Kind);

        var wrongShape = models.VariantOf("pooled-onnx", "wrong-shape-onnx", m => m);
        File.Copy(models.PathOf("bad/wrong-shape.onnx"), Path.Combine(wrongShape, "model.onnx"), overwrite: true);
        e = Assert.Throws<EmbedderException>(() => EmbeddingBackends.Load(wrongShape));
        Assert.Equal(EmbedderErrorKind.UnsupportedOutput, e.Kind);
        Assert.Contains("[1]", e.Message, StringComparison.Ordinal);
    }

    [OnnxFact]
    public void Embed_Should_RejectBadBatchesAndKeepWorking_When_InputIsInvalid()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("pooled-onnx"));
        Assert.Equal(EmbedderErrorKind.InvalidInput, Assert.Throws<EmbedderException>(() => backend.Embed([], [], 0, 3)).Kind);
        Assert.Equal(EmbedderErrorKind.InvalidInput, Assert.Throws<EmbedderException>(() => backend.Embed([1, 2], [1, 1], 1, 3)).Kind);
        var outOfVocabulary = Assert.Throws<EmbedderException>(() => backend.Embed([2, 5000, 3], [1, 1, 1], 1, 3));
        Assert.Equal(EmbedderErrorKind.InferenceFailed, outOfVocabulary.Kind);
        var b = models.Batches[2];
        VectorAssert.Close(b.Pooled, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, "after bad input");
    }

    [OnnxFact]
    public async Task Embed_Should_GiveTheSameVectors_When_CalledFromManyThreads()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("tokens-onnx"));
        var b = models.Batches[1];
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence))));
        foreach (var vectors in results)
        {
            VectorAssert.Close(b.MeanNormalized, vectors, Tolerance, "concurrent");
        }
    }
}
