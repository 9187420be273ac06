// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Hnsw;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>Recall of the graph against brute force, with fixed seeds and reasoned floors.</summary>
public class HnswRecallTests
{
    private const int Points = 5_000;
    private const int Dimension = 32;
    private const int Queries = 200;

    [Theory]
    [InlineData(DistanceMetric.Euclid)]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Dot)]
    public void Search_Should_ReachRecallFloor_When_GraphIsBuiltWithDefaults(DistanceMetric metric)
    {
        var rng = new Random(7);
        using var collection = HnswFixtures.Collection(metric, Dimension);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, Points + Queries, Dimension), Points);
        HnswFixtures.Load(collection, HnswFixtures.Points(data));

        // M=16, ef_construct=100, ef=64 on 5k clustered 32-d points: hnswlib reaches about 0.99 for L2
        // and cosine; a floor of 0.95 leaves room for seed and thread-interleaving variance. Dot on
        // unnormalised data is not a metric (a long vector is everyone's neighbour), so graphs do
        // worse there; 0.85 still catches a broken traversal, which lands far below.
        var recall = HnswFixtures.Recall(collection, queries, k: 10);
        Assert.True(recall >= (metric == DistanceMetric.Dot ? 0.85 : 0.95), $"recall@10 {recall:F3}");
    }

    [Fact]
    public void Search_Should_RaiseRecall_When_EfGrows()
    {
        var rng = new Random(11);
        using var collection = HnswFixtures.Collection(DistanceMetric.Euclid, Dimension, m: 8, efConstruct: 40);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, Points + Queries, Dimension), Points);
        HnswFixtures.Load(collection, HnswFixtures.Points(data));

        // ef=10 with a thin graph (M=8) misses neighbours; ef=400 explores ~1/12 of the points and
        // must be near-exact. Monotonic on average; the floors keep the comparison robust.
        var low = HnswFixtures.Recall(collection, queries, k: 10, ef: 10);
        var high = HnswFixtures.Recall(collection, queries, k: 10, ef: 400);
        Assert.True(high > low, $"ef 10: {low:F3}, ef 400: {high:F3}");
        Assert.True(high >= 0.98, $"ef 400: {high:F3}");
    }

    [Theory]
    [InlineData(DistanceMetric.Euclid)]
    [InlineData(DistanceMetric.Cosine)]
    public void Search_Should_ReachRecallFloor_When_TraversalRunsOnInt8Codes(DistanceMetric metric)
    {
        var rng = new Random(13);
        using var collection = HnswFixtures.Collection(metric, Dimension, quantized: true);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, Points + Queries, Dimension), Points);
        HnswFixtures.Load(collection, HnswFixtures.Points(data));

        // 8-bit codes over the global range keep about 1/255 of the range per step; neighbours at
        // rank 10 differ from rank 11 by more than that on most queries, and the best 4·k are
        // re-scored with floats. Expect about 0.97; floor 0.93.
        var recall = HnswFixtures.Recall(collection, queries, k: 10);
        Assert.True(recall >= 0.93, $"int8 recall@10 {recall:F3}");
        var info = collection.GetInfo();
        Assert.True(info.VectorBytes > Points * Dimension * sizeof(float), "graph and codes are counted");
    }

    [Fact]
    public void Search_Should_ReturnKHitsNearestFirst_When_GraphAnswers()
    {
        var rng = new Random(17);
        using var collection = HnswFixtures.Collection(DistanceMetric.Euclid, 8);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, 2_001, 8), 2_000);
        HnswFixtures.Load(collection, HnswFixtures.Points(data));
        var hits = collection.Search([queries[0]], 25)[0];
        Assert.Equal(25, hits.Count);
        Assert.Equal(25, hits.Select(h => h.Id).Distinct().Count());
        for (var i = 1; i < hits.Count; i++)
        {
            Assert.True(hits[i - 1].Score <= hits[i].Score);
        }

        Assert.IsType<HnswIndex>(collection.Index);
        Assert.Equal(2_000, ((HnswIndex)collection.Index).Graph!.Count);
    }
}
