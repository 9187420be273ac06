// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// The CPU prepacking of linear layers (the shim's prepack.cpp): which layers it takes over, that the vectors
/// stay PyTorch's, and that it can be switched off. oneDNN sums the products in another order than OpenBLAS,
/// so prepacked vectors differ from PyTorch's by rounding only: 1e-5 absolute per element, as for the unpacked
/// model (measured: a few 1e-7 on these O(1) values; a wrong weight layout or bias shows as 1e-2 or more).
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class TorchScriptPrepackTests(ModelFixture models)
{
    private const double Tolerance = 1e-5;

    // make_model.py's encoder: 2 layers of 4 linear layers each (qkv, out, ff1, ff2). ff1's output goes only
    // into an exact GELU, out's and ff2's only into a residual addition; oneDNN then does those itself.
    private const int FixtureLinears = 8;
    private const int FixtureGelus = 2;
    private const int FixtureAdds = 4;

    [TorchFact]
    public void Load_Should_PrepackEveryLinearLayer_When_TheModelRunsOnCpuInFloat32()
    {
        var lines = new List<string>();
        using var backend = Load("pooled-torchscript", prepack: true, lines.Add);
        Assert.Equal(FixtureLinears, backend.PrepackedLinears);
        Assert.StartsWith("oneDNN ", backend.PrepackDetail, StringComparison.Ordinal);
        Assert.EndsWith($"GELU fused into {FixtureGelus}, residual add into {FixtureAdds}", backend.PrepackDetail, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains($"{FixtureLinears} linear layers prepacked (oneDNN ", StringComparison.Ordinal));
    }

    [TorchFact]
    public void Load_Should_RunTheModelAsLoaded_When_PrepackIsOff()
    {
        var lines = new List<string>();
        using var backend = Load("pooled-torchscript", prepack: false, lines.Add);
        Assert.Equal(0, backend.PrepackedLinears);
        Assert.Equal("prepacking is off", backend.PrepackDetail);
        Assert.Contains(lines, l => l.Contains("linear layers run by LibTorch (prepacking is off)", StringComparison.Ordinal));
    }

    [TorchFact]
    public void Embed_Should_MatchPyTorch_When_LinearLayersArePrepackedOrNot()
    {
        foreach (var prepack in new[] { true, false })
        {
            using var pooled = Load("pooled-torchscript", prepack);
            using var tokens = Load("tokens-torchscript", prepack);
            foreach (var b in models.Batches)
            {
                var what = $"prepack {prepack}, batch {b.Batch}×{b.Sequence}";
                VectorAssert.Close(b.Pooled, pooled.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, what);
                VectorAssert.Close(b.MeanNormalized, tokens.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, what);
            }
        }
    }

    [TorchFact]
    public void Embed_Should_MatchPyTorch_When_SomeLayersCannotBeFused()
    {
        // FusionEdges: 4 linear layers, all prepacked; fused: a's add (its [H] residual broadcasts, so it runs
        // unfused at run time) and d's add (behind an eval-mode dropout). Not fused: the tanh GELU, c's
        // output used twice.
        using var backend = Load("edges-torchscript", prepack: true);
        Assert.Equal(4, backend.PrepackedLinears);
        Assert.EndsWith("GELU fused into 0, residual add into 2", backend.PrepackDetail, StringComparison.Ordinal);
        foreach (var b in models.Batches)
        {
            VectorAssert.Close(b.Edges, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, $"batch {b.Batch}×{b.Sequence}");
        }
    }

    [TorchFact]
    public void Embed_Should_MatchTheUnpackedModel_When_MoreShapesPassThanEachLayerKeeps()
    {
        // Each layer keeps the kernels of its last 8 row counts; 24 lengths, twice over, make it replace them
        // and come back to evicted shapes (then served by oneDNN's primitive cache or generated again).
        using var packed = Load("tokens-torchscript", prepack: true);
        using var plain = Load("tokens-torchscript", prepack: false);
        var b = models.Batches[3];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var length = 1; length <= 24; length++)
            {
                var ids = new long[2 * length];
                var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
                for (var row = 0; row < 2; row++)
                {
                    b.InputIds.AsSpan(row * b.Sequence, length).CopyTo(ids.AsSpan(row * length));
                }

                var expected = plain.Embed(ids, mask, 2, length);
                VectorAssert.Close([expected[..models.Hidden], expected[models.Hidden..]], packed.Embed(ids, mask, 2, length), Tolerance, $"length {length}");
            }
        }
    }

    [TorchFact]
    public async Task Embed_Should_GiveEachCallersVectors_When_ManyThreadsRunDifferentShapesAtOnce()
    {
        // Each row count gets its own oneDNN kernel and each call its own scratch memory; calls of
        // different shapes at once must not see each other's.
        using var backend = Load("tokens-torchscript", prepack: true);
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            var b = models.Batches[i % models.Batches.Count];
            for (var round = 0; round < 5; round++)
            {
                VectorAssert.Close(b.MeanNormalized, backend.Embed(b.InputIds, b.AttentionMask, b.Batch, b.Sequence), Tolerance, $"task {i}");
            }
        }));
        await Task.WhenAll(tasks);
    }

    private TorchScriptBackend Load(string package, bool prepack, Action<string>? log = null) =>
        Assert.IsType<TorchScriptBackend>(EmbeddingBackends.Load(
            models.PathOf(package), new EmbeddingBackendOptions { Device = "cpu", IntraOpThreads = 1, CpuPrepack = prepack, Log = log }));
}
