// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Distance;

public class PanelKernelsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(127)]
    [InlineData(768)]
    public unsafe void Single4_Should_EqualContiguousKernels_When_VectorsAreInPanels(int d)
    {
        var rng = new Random(d);
        var storage = new PanelVectorStorage(d);
        var vectors = Enumerable.Range(0, 64).Select(_ => Samples.Vector(rng, d)).ToArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            storage.Write(i, vectors[i]);
        }

        var query = Samples.Vector(rng, d);
        var output = new float[64];
        var reference = new float[16];
        fixed (float* q = query)
        fixed (float* o = output)
        fixed (float* r = reference)
        {
            foreach (var euclidean in new[] { false, true })
            {
                PanelKernels.Single4(q, storage.Panels(0), d, euclidean, o);
                for (var i = 0; i < 64; i++)
                {
                    var expected = euclidean
                        ? DistanceKernels.SquaredEuclideanReference(query, vectors[i])
                        : DistanceKernels.DotReference(query, vectors[i]);
                    Assert.Equal(expected, output[i], 1e-5f * d + 1e-6f);
                }

                PanelKernels.ScalarPanel(q, storage.Panels(0) + (16L * d), d, euclidean, r);
                for (var i = 0; i < 16; i++)
                {
                    Assert.Equal(output[16 + i], reference[i], 1e-5f * d + 1e-6f);
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(128)]
    [InlineData(300)]
    public unsafe void Batch8x2_Should_EqualDotProducts_When_QueriesArePacked(int d)
    {
        var rng = new Random(d);
        var storage = new PanelVectorStorage(d);
        var vectors = Enumerable.Range(0, 32).Select(_ => Samples.Vector(rng, d)).ToArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            storage.Write(i, vectors[i]);
        }

        var queries = Enumerable.Range(0, 8).Select(_ => Samples.Vector(rng, d)).ToArray();
        var packed = new float[8 * d];
        for (var i = 0; i < 8; i++)
        {
            for (var j = 0; j < d; j++)
            {
                packed[(j * 8) + i] = queries[i][j];
            }
        }

        var output = new float[8 * 32];
        fixed (float* p = packed)
        fixed (float* o = output)
        {
            // In two slices, the second accumulating onto the first.
            var half = d / 2;
            PanelKernels.Batch8x2(p, storage.Panels(0), d, 0, half, o, accumulate: false);
            PanelKernels.Batch8x2(p, storage.Panels(0), d, half, d - half, o, accumulate: half > 0);
        }

        for (var i = 0; i < 8; i++)
        {
            for (var v = 0; v < 32; v++)
            {
                Assert.Equal(DistanceKernels.DotReference(queries[i], vectors[v]), output[(i * 32) + v], 1e-5f * d + 1e-6f);
            }
        }
    }

    [Fact]
    public void CopyVector_Should_ReturnWrittenVector_When_StorageGrowsAcrossChunks()
    {
        var d = 70_000 / 64; // small chunks: 2^24 / 1093 floats → 8192-slot chunks
        var storage = new PanelVectorStorage(d);
        var rng = new Random(5);
        var slots = new[] { 0, 15, 16, 63, 64, 8191, 8192, 20_000 };
        var written = slots.ToDictionary(s => s, _ => Samples.Vector(rng, d));
        foreach (var (slot, v) in written)
        {
            storage.Write(slot, v);
        }

        var copy = new float[d];
        foreach (var (slot, v) in written)
        {
            storage.CopyVector(slot, copy);
            Assert.Equal(v, copy);
        }
    }
}
