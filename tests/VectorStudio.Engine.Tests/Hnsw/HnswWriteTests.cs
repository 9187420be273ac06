// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using FsCheck;
using FsCheck.Fluent;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Hnsw;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>Deletes, replacements, rebuilds, exact search and persistence of HNSW collections.</summary>
public class HnswWriteTests
{
    [Fact]
    public async Task Search_Should_NeverReturnDeletedOrReplacedPoints_When_BeforeAndAfterRebuild()
    {
        var rng = new Random(29);
        using var collection = HnswFixtures.Collection(DistanceMetric.Euclid, 16);
        var vectors = HnswFixtures.Clustered(rng, 4_000, 16);
        HnswFixtures.Load(collection, HnswFixtures.Points(vectors));
        var deleted = Enumerable.Range(0, 4_000).Where(i => i % 3 == 0)
            .Select(i => PointId.FromNumber((ulong)i)).ToArray();
        collection.Delete(deleted);

        // Replaced points move far away: their old nodes sit where queries land and must not surface.
        var replaced = Enumerable.Range(0, 4_000).Where(i => i % 3 == 1 && i % 7 == 0).ToArray();
        collection.Upsert(replaced.Select(i => new PointStruct(
            PointId.FromNumber((ulong)i), Enumerable.Repeat(50f, 16).ToArray())).ToArray());
        var gone = deleted.ToHashSet();
        var index = (HnswIndex)collection.Index;
        var queries = vectors.Take(100).ToArray();

        void AssertClean()
        {
            foreach (var query in queries)
            {
                var hits = collection.Search([query], 20)[0];
                Assert.Equal(20, hits.Count);
                Assert.DoesNotContain(hits, h => gone.Contains(h.Id));
                Assert.DoesNotContain(hits, h => replaced.Contains((int)h.Id.Number) && h.Score < 100);
            }
        }

        AssertClean();
        await index.RebuildTask;
        index.Compact();
        Assert.True(index.Graph!.Count < 4_000, "the rebuild drops tombstones");
        AssertClean();

        // Recall after heavy deletes and a rebuild stays at the level of a fresh graph (floor as in
        // HnswRecallTests: 0.95 at ef 64 on clustered data).
        Assert.True(HnswFixtures.Recall(collection, queries, 10) >= 0.95);
    }

    [Fact]
    public async Task Delete_Should_StartBackgroundRebuild_When_TombstonesPassThreshold()
    {
        var rng = new Random(31);
        using var collection = HnswFixtures.Collection(DistanceMetric.Cosine, 8);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, 2_001, 8), 2_000);
        HnswFixtures.Load(collection, HnswFixtures.Points(data));
        collection.Delete(Enumerable.Range(0, 1_000).Select(i => PointId.FromNumber((ulong)i)).ToArray());
        var index = (HnswIndex)collection.Index;
        await index.RebuildTask;
        // The rebuild starts at 25% tombstones, while this same delete batch is still running: nodes
        // deleted during its copy may stay in the new graph as counted tombstones. Every live point
        // is in the graph, plus at most those tombstones.
        Assert.InRange(index.Graph!.Count, 1_000, 1_000 + index.Tombstones);
        Assert.True(index.Graph.Count < 2_000, $"no rebuild dropped tombstones: {index.Graph.Count} nodes");
        var hits = collection.Search([queries[0]], 50)[0];
        Assert.Equal(50, hits.Count);
        Assert.All(hits, h => Assert.True(h.Id.Number >= 1_000));
    }

    [Fact]
    public void Search_Should_EqualNaiveReference_When_ExactIsAskedOnHnswCollection()
    {
        var cases =
            from seed in Gen.Choose(0, int.MaxValue - 1)
            from points in Gen.Choose(1, 600)
            from dimension in Gen.Elements(1, 3, 16, 33)
            from metric in Gen.Elements(DistanceMetric.Cosine, DistanceMetric.Dot, DistanceMetric.Euclid)
            from k in Gen.Elements(1, 10, 100)
            select (seed, points, dimension, metric, k);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Arb.From(cases), c =>
        {
            var rng = new Random(c.seed);
            using var collection = HnswFixtures.Collection(c.metric, c.dimension, threads: 1);
            var points = Samples.Points(rng, c.points, c.dimension);
            collection.Upsert(points);
            var doomed = points.Where(_ => rng.Next(4) == 0).Select(p => p.Id).ToArray();
            if (doomed.Length > 0)
            {
                collection.Delete(doomed);
            }

            var live = points.Where(p => !doomed.Contains(p.Id)).ToDictionary(p => p.Id);
            var query = Samples.Vector(rng, c.dimension);
            var expected = ReferenceSearch.Search(live, c.metric, query, c.k, null, null);
            var actual = collection.Search([query], c.k, searchParams: new SearchParams(Exact: true))[0];
            ReferenceSearch.AssertAgrees(expected, actual, 1e-4 * Math.Max(1, c.dimension / 8.0), $"{c}");
        }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryLoadIndex_Should_GiveIdenticalResults_When_GraphRoundTrips(bool quantized)
    {
        var rng = new Random(37);
        var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, 3_050, 24), 3_000);
        var points = HnswFixtures.Points(data);
        using var original = HnswFixtures.Collection(DistanceMetric.Euclid, 24, quantized);
        HnswFixtures.Load(original, points);
        original.Delete([PointId.FromNumber(5), PointId.FromNumber(6)]);
        using var saved = new MemoryStream();
        Assert.True(original.TrySaveIndex(saved));

        // The restored collection holds the same points in the same slots; its own graph is replaced.
        using var restored = HnswFixtures.Collection(DistanceMetric.Euclid, 24, quantized, name: "restored");
        HnswFixtures.Load(restored, points);
        restored.Delete([PointId.FromNumber(5), PointId.FromNumber(6)]);
        saved.Position = 0;
        Assert.True(restored.TryLoadIndex(saved));
        Assert.Equal(((HnswIndex)original.Index).Graph!.Count, ((HnswIndex)restored.Index).Graph!.Count);
        foreach (var query in queries)
        {
            var a = original.Search([query], 10)[0];
            var b = restored.Search([query], 10)[0];
            Assert.Equal(a.Select(h => (h.Id, h.Score)), b.Select(h => (h.Id, h.Score)));
        }
    }

    [Fact]
    public void TryLoadIndex_Should_Reject_When_StreamIsCorrupt()
    {
        var rng = new Random(41);
        using var collection = HnswFixtures.Collection(DistanceMetric.Euclid, 8);
        HnswFixtures.Load(collection, HnswFixtures.Points(HnswFixtures.Clustered(rng, 500, 8)));
        using var saved = new MemoryStream();
        collection.TrySaveIndex(saved);
        var bytes = saved.ToArray();
        bytes[bytes.Length / 2] ^= 0x40;
        var error = Assert.Throws<Errors.EngineException>(() => collection.TryLoadIndex(new MemoryStream(bytes)));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }
}
