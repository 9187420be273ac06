// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using FsCheck;
using FsCheck.Fluent;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Collections;

/// <summary>Exact search agrees with scoring everything and sorting, for random data and filters.</summary>
public class SearchPropertyTests
{
    public sealed record SearchCase(int Seed, int Points, int Dimension, DistanceMetric Metric, int K, int Queries, bool Filtered, bool Threshold, bool Deletes)
    {
        public override string ToString() =>
            $"seed {Seed}, {Points}×{Dimension} {Metric}, k {K}, {Queries} queries, filter {Filtered}, threshold {Threshold}, deletes {Deletes}";
    }

    private static Gen<SearchCase> Cases() =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from points in Gen.Choose(1, 700)
        from dimension in Gen.Elements(1, 2, 3, 7, 16, 17, 33, 64, 100)
        from metric in Gen.Elements(DistanceMetric.Cosine, DistanceMetric.Dot, DistanceMetric.Euclid)
        from k in Gen.Elements(1, 3, 10, 50, 1000)
        from queries in Gen.Elements(1, 1, 2, 8, 9, 17)
        from filtered in Gen.Elements(false, true, true)
        from threshold in Gen.Elements(false, false, true)
        from deletes in Gen.Elements(false, true)
        select new SearchCase(seed, points, dimension, metric, k, queries, filtered, threshold, deletes);

    [Fact]
    public void Search_Should_EqualNaiveReference_When_DataAndFiltersAreRandom() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(Arb.From(Cases()), RunCase));

    [Fact]
    public void Search_Should_EqualNaiveReference_When_ScanRunsInParallel()
    {
        // A threshold of 1 float per thread forces the parallel path with per-thread heaps and a merge.
        var options = new EngineOptions { SearchThreads = 4, ParallelScanMinFloats = 1 };
        foreach (var metric in new[] { DistanceMetric.Cosine, DistanceMetric.Dot, DistanceMetric.Euclid })
        {
            RunCase(new SearchCase(42, 3000, 24, metric, 20, 1, Filtered: true, Threshold: false, Deletes: true), options);
            RunCase(new SearchCase(43, 3000, 24, metric, 20, 11, Filtered: false, Threshold: false, Deletes: true), options);
        }
    }

    private static void RunCase(SearchCase c) => RunCase(c, new EngineOptions { SearchThreads = 1 });

    private static void RunCase(SearchCase c, EngineOptions options)
    {
        var rng = new Random(c.Seed);
        using var collection = Samples.Collection(c.Metric, c.Dimension, options);
        var points = Samples.Points(rng, c.Points, c.Dimension);
        foreach (var batch in points.Chunk(250))
        {
            collection.Upsert(batch);
        }

        var live = points.ToDictionary(p => p.Id);
        if (c.Deletes)
        {
            var doomed = points.Where(_ => rng.Next(4) == 0).Select(p => p.Id).ToArray();
            if (doomed.Length > 0)
            {
                collection.Delete(doomed);
            }

            foreach (var id in doomed)
            {
                live.Remove(id);
            }

            // Reuse some freed slots with new points.
            var extra = Samples.Points(rng, doomed.Length / 2 + 1, c.Dimension, firstId: 100_000);
            collection.Upsert(extra);
            foreach (var p in extra)
            {
                live[p.Id] = p;
            }
        }

        var filter = c.Filtered ? RandomFilters.Filter(rng, live.Keys.ToArray()) : null;
        var queries = Samples.Queries(rng, c.Queries, c.Dimension);
        float? threshold = c.Threshold ? c.Metric switch
        {
            DistanceMetric.Euclid => (float)Math.Sqrt(c.Dimension / 1.5),
            DistanceMetric.Cosine => 0.1f,
            DistanceMetric.Dot => 0.5f,
        } : null;
        var results = collection.Search(queries, c.K, filter, threshold, withPayload: true);
        Assert.Equal(c.Queries, results.Count);
        for (var q = 0; q < queries.Length; q++)
        {
            var expected = ReferenceSearch.Search(live, c.Metric, queries[q].Span, c.K, filter, threshold);
            ReferenceSearch.AssertAgrees(expected, results[q], 1e-4 * Math.Max(1, c.Dimension / 8.0), $"{c}, query {q}, filter {filter}");
            foreach (var hit in results[q])
            {
                Assert.True(filter is null || FilterEvaluator.Matches(filter, hit.Id, hit.Payload));
            }
        }
    }
}
