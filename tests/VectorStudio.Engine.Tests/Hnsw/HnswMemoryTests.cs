// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Hnsw;
using VectorStudio.Engine.Search;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>What an HNSW collection holds and reports: one float copy, codes counted, re-scoring from it.</summary>
public class HnswMemoryTests
{
    private const int Points = 3_000;
    private const int Dimension = 256;

    [Fact]
    public void GetInfo_Should_CountOneFloatCopy_When_CollectionIsHnsw()
    {
        var rng = new Random(43);
        var vectors = HnswFixtures.Clustered(rng, Points, Dimension);
        using var collection = HnswFixtures.Collection(DistanceMetric.Euclid, Dimension);
        HnswFixtures.Load(collection, HnswFixtures.Points(vectors));
        var floats = (long)Points * Dimension * sizeof(float);
        var info = collection.GetInfo();
        var graph = ((HnswIndex)collection.Index).Graph!;

        // One copy is 3 MB. On top come one store chunk at most (256 KiB), links and node info
        // (33 + 5 ints per node, up to 1.34x for geometric chunks at 3,000 nodes: ~0.6 MB) and small
        // change (versions, bitsets, scratch). Two float copies, the old layout, would be ≥ 6 MB.
        Assert.InRange(info.VectorBytes, floats, (long)(1.4 * floats));
        Assert.True(graph.Bytes < floats / 4, $"graph {graph.Bytes} B holds no float rows");
    }

    [Fact]
    public void GetInfo_Should_CountInt8Codes_When_CollectionIsQuantized()
    {
        var rng = new Random(47);
        var points = HnswFixtures.Points(HnswFixtures.Clustered(rng, Points, Dimension));
        using var plain = HnswFixtures.Collection(DistanceMetric.Cosine, Dimension, threads: 1);
        using var quantized = HnswFixtures.Collection(DistanceMetric.Cosine, Dimension, quantized: true, threads: 1);
        HnswFixtures.Load(plain, points);
        HnswFixtures.Load(quantized, points);

        // The quantized collection adds one code row (256 bytes, already a multiple of the 64-byte
        // padding) per node, in geometric chunks (capacity 4,032 rows for 3,000 nodes, so ≤ 1.35x);
        // everything else is laid out the same.
        var codes = (long)Points * Dimension;
        var extra = quantized.GetInfo().VectorBytes - plain.GetInfo().VectorBytes;
        Assert.InRange(extra, codes, (long)(1.4 * codes));
    }

    [Fact]
    public void Search_Should_ReportExactFloatScores_When_TraversalRunsOnInt8Codes()
    {
        var rng = new Random(53);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, Points + 20, Dimension), Points);
        using var collection = HnswFixtures.Collection(DistanceMetric.Cosine, Dimension, quantized: true);
        HnswFixtures.Load(collection, HnswFixtures.Points(data));
        foreach (var query in queries)
        {
            var hits = collection.Search([query], 10, withVectors: true)[0];
            Assert.Equal(10, hits.Count);

            // Re-scoring reads each candidate's row in the store: the reported score is the float
            // cosine of the query and that very point (within float rounding), not a code estimate.
            foreach (var hit in hits)
            {
                var expected = CosineDistance.Similarity(query, data[(int)hit.Id.Number]);
                Assert.Equal(expected, hit.Score, 1e-4f);
            }
        }
    }

    [Fact]
    public void TryLoadIndex_Should_LoadAndNeverReturnTombstones_When_HighestSlotsWereDeleted()
    {
        var rng = new Random(59);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, 1_020, 16), 1_000);
        var points = HnswFixtures.Points(data);
        using var original = HnswFixtures.Collection(DistanceMetric.Euclid, 16);
        HnswFixtures.Load(original, points);
        var doomed = points.Skip(900).Select(p => p.Id).ToArray();
        original.Delete(doomed);
        using var saved = new MemoryStream();
        Assert.True(original.TrySaveIndex(saved));

        // The restored collection holds only slots 0..899, so the saved tombstones name slots past its
        // store; loading must cover them (they read zero rows) instead of reading outside it.
        using var restored = HnswFixtures.Collection(DistanceMetric.Euclid, 16, name: "restored");
        HnswFixtures.Load(restored, points.Take(900).ToList());
        saved.Position = 0;
        Assert.True(restored.TryLoadIndex(saved));
        var gone = doomed.ToHashSet();
        foreach (var query in queries)
        {
            var hits = restored.Search([query], 10, searchParams: new SearchParams(HnswEf: 64))[0];
            Assert.Equal(10, hits.Count);
            Assert.DoesNotContain(hits, h => gone.Contains(h.Id));
        }
    }

    [Fact]
    public void Search_Should_AnswerExactlyFromRows_When_BatchIsExact()
    {
        var rng = new Random(61);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, 2_040, 24), 2_000);
        using var hnsw = HnswFixtures.Collection(DistanceMetric.Dot, 24);
        using var flat = new Collection(new CollectionConfig("flat", 24, DistanceMetric.Dot));
        var points = HnswFixtures.Points(data);
        HnswFixtures.Load(hnsw, points);
        HnswFixtures.Load(flat, points);

        // The row scan (HNSW collections) and the panel scan (flat ones) are both exact: same ids, and
        // scores equal up to the summation order of the two kernels.
        var batch = queries.Select(q => (ReadOnlyMemory<float>)q).ToArray();
        var rows = hnsw.Search(batch, 10, searchParams: new SearchParams(Exact: true));
        var panels = flat.Search(batch, 10);
        for (var q = 0; q < batch.Length; q++)
        {
            Assert.Equal(panels[q].Select(h => h.Id), rows[q].Select(h => h.Id));
            Assert.All(rows[q].Zip(panels[q]), p => Assert.Equal(p.Second.Score, p.First.Score, 1e-3f));
        }
    }
}
