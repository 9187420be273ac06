// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Filtering;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>Filtered search on an HNSW collection returns only matches, and min(k, matches) of them.</summary>
public sealed class HnswFilterTests : IClassFixture<HnswFilterTests.Data>
{
    private readonly Data _data;

    public HnswFilterTests(Data data)
    {
        _data = data;
    }

    /// <summary>20,000 points (field r = id mod 10,000, so each r value is held by 2 points).</summary>
    public sealed class Data : IDisposable
    {
        public Data()
        {
            var rng = new Random(23);
            Collection = HnswFixtures.Collection(DistanceMetric.Euclid, 16, name: "filtered");
            var (data, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, 20_020, 16), 20_000);
            HnswFixtures.Load(Collection, HnswFixtures.Points(data));
            Queries = queries;
        }

        public Collection Collection { get; }

        public float[][] Queries { get; }

        public void Dispose() => Collection.Dispose();
    }

    // r < bound keeps bound/10,000 of the points: 100 %, 10 %, 1 %, 0.01 % (2 points).
    [Theory]
    [InlineData(10_000, 20_000)]
    [InlineData(1_000, 2_000)]
    [InlineData(100, 200)]
    [InlineData(1, 2)]
    public void Search_Should_ReturnMinKMatches_When_FilterIsIndexed(int bound, int matches)
    {
        var filter = Filter.WithMust(Condition.InRange("r", new RangeBounds(Lt: bound)));
        AssertFiltered(filter, matches, r => r < bound);
    }

    // The same selectivities through must_not, which no payload index answers: the filter is checked
    // inline while the graph is walked (or the sample sends it to an exact scan).
    [Theory]
    [InlineData(10_000, 20_000)]
    [InlineData(1_000, 2_000)]
    [InlineData(100, 200)]
    [InlineData(1, 2)]
    public void Search_Should_ReturnMinKMatches_When_FilterIsCheckedInline(int bound, int matches)
    {
        var filter = Filter.WithMustNot(Condition.InRange("r", new RangeBounds(Gte: bound)));
        AssertFiltered(filter, matches, r => r < bound);
    }

    [Fact]
    public void Search_Should_FindExactNeighbours_When_FilterKeepsTenPercent()
    {
        // The graph answers a 10 % inline filter (above the sampling cut-off of 1/32); walking through
        // rejected nodes keeps recall near the unfiltered one. Expect about 0.97; floor 0.9.
        var filter = Filter.WithMustNot(Condition.InRange("r", new RangeBounds(Gte: 1_000)));
        int found = 0, total = 0;
        foreach (var query in _data.Queries)
        {
            var exact = _data.Collection.Search([query], 10, filter, searchParams: new(Exact: true))[0];
            var approx = _data.Collection.Search([query], 10, filter)[0];
            var truth = exact.Select(h => h.Id).ToHashSet();
            found += approx.Count(h => truth.Contains(h.Id));
            total += exact.Count;
        }

        Assert.True(found >= 0.9 * total, $"filtered recall {(double)found / total:F3}");
    }

    private void AssertFiltered(Filter filter, int matches, Func<long, bool> expected)
    {
        foreach (var k in new[] { 1, 10, 100 })
        {
            var queries = _data.Queries.Take(5).Select(q => (ReadOnlyMemory<float>)q).ToArray();
            var results = _data.Collection.Search(queries, k, filter, withPayload: true);
            foreach (var hits in results)
            {
                Assert.Equal(Math.Min(k, matches), hits.Count);
                Assert.All(hits, h => Assert.True(expected(h.Payload!["r"].AsInteger)));
                Assert.Equal(hits.Count, hits.Select(h => h.Id).Distinct().Count());
            }
        }
    }
}
