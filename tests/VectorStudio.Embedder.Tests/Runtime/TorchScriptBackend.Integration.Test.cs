// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// The TorchScript backend against PyTorch (Debian's python3-torch) on the same saved model. Both run
/// LibTorch 1.13's CPU kernels in float32, so the vectors agree to rounding: 1e-5 absolute per element
/// (measured here: at most 3e-8 as LibTorch loads the model, a few 1e-7 with the linear layers prepacked for oneDNN,
/// the default; values are O(1), and a wrong pooling, mask or weight shows up as differences of 1e-2 or more).
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class TorchScriptBackendTests(ModelFixture models)
{
    private const double Tolerance = 1e-5;

    [TorchFact]
    public void Embed_Should_MatchPyTorch_When_TheModelPoolsItself()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("pooled-torchscript"));
        foreach (var b in models.Batches)
        {
            var vectors = backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence);
            VectorAssert.Close(b.Pooled, vectors, Tolerance, $"batch {b.Batch}×{b.Sequence}");
        }
    }

    [TorchFact]
    public void Embed_Should_MatchPyTorch_When_TheNodeMeanPoolsAndNormalises()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("tokens-torchscript"));
        Assert.Equal(PoolingMode.Mean, backend.Info.Pooling);
        foreach (var b in models.Batches)
        {
            var vectors = backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence);
            VectorAssert.Close(b.MeanNormalized, vectors, Tolerance, $"batch {b.Batch}×{b.Sequence}");
        }
    }

    [TorchFact]
    public void Embed_Should_MatchPyTorch_When_TheNodeTakesTheClsToken()
    {
        var dir = models.VariantOf("tokens-torchscript", "tokens-cls-torchscript", m => m
            .Replace("\"mean\"", "\"cls\"", StringComparison.Ordinal)
            .Replace("\"normalize\": true", "\"normalize\": false", StringComparison.Ordinal));
        using var backend = EmbeddingBackends.Load(dir);
        foreach (var b in models.Batches)
        {
            VectorAssert.Close(b.Cls, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, "cls");
        }
    }

    [TorchFact]
    public void Load_Should_ReportModelInfo_When_TheTestForwardPassFindsTheDimension()
    {
        var lines = new List<string>();
        using var backend = EmbeddingBackends.Load(
            models.PathOf("pooled-torchscript"), new EmbeddingBackendOptions { Device = "cpu", IntraOpThreads = 1, Log = lines.Add });
        Assert.Equal(new EmbeddingModelInfo("tiny-pooled", ModelBackendKind.TorchScript, models.Hidden, "cpu", "fp32", 128, PoolingMode.None, false), backend.Info);
        Assert.Contains(lines, l => l.Contains("dimension " + models.Hidden, StringComparison.Ordinal) && l.Contains("1 intra-op threads", StringComparison.Ordinal));
    }

    [TorchFact]
    public void Load_Should_FallBackToCpuWithALogLine_When_CudaIsRequestedButAbsent()
    {
        // The build machines have no GPU and Debian's LibTorch is a CPU build.
        Assert.Equal(0, TorchNative.CudaDeviceCount());
        var lines = new List<string>();
        using var backend = EmbeddingBackends.Load(
            models.PathOf("pooled-torchscript"), new EmbeddingBackendOptions { Device = "cuda:0", Fp16 = true, Log = lines.Add });
        Assert.Equal(("cpu", "fp32"), (backend.Info.Device, backend.Info.Precision));
        Assert.Contains(lines, l => l.Contains("CUDA is not available", StringComparison.Ordinal) && l.Contains("falling back to CPU", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("fp16 needs a GPU", StringComparison.Ordinal));
        var b = models.Batches[1];
        VectorAssert.Close(b.Pooled, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, "after fallback");
    }

    [TorchFact]
    public async Task Embed_Should_GiveTheSameVectors_When_CalledFromManyThreads()
    {
        using var backend = EmbeddingBackends.Load(models.PathOf("tokens-torchscript"));
        var b = models.Batches[2];
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence)));
        foreach (var vectors in await Task.WhenAll(tasks))
        {
            VectorAssert.Close(b.MeanNormalized, vectors, Tolerance, "concurrent");
        }
    }
}
