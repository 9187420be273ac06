// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Filtering;

public class PayloadIndexTests
{
    [Fact]
    public void TryIndexPlan_Should_EqualFullScan_When_FiltersAreRandom()
    {
        var rng = new Random(11);
        var table = new PointTable();
        var index = new PayloadIndex();
        var live = new SlotBitset();
        var payloads = new Dictionary<int, Dictionary<string, PayloadValue>>();
        for (var i = 0; i < 3000; i++)
        {
            var slot = table.Add(Samples.Id(i));
            var payload = Samples.Payload(rng);
            table.SetPayload(slot, payload, 0);
            index.Add(slot, payload);
            live.Add(slot);
            payloads[slot] = payload;
        }

        // Churn: delete and replace payloads so the index has to forget values.
        for (var i = 0; i < 3000; i += 3)
        {
            table.TryGetSlot(Samples.Id(i), out var slot);
            index.Remove(slot, table.Payload(slot));
            if (i % 2 == 0)
            {
                live.Remove(slot);
                table.Remove(slot);
            }
            else
            {
                var payload = Samples.Payload(rng);
                table.SetPayload(slot, payload, 0);
                index.Add(slot, payload);
            }
        }

        var ids = Enumerable.Range(0, 3000).Select(Samples.Id).ToArray();
        var planned = 0;
        for (var t = 0; t < 400; t++)
        {
            var filter = RandomFilters.Filter(rng, ids);
            var expected = live.Enumerate().Where(s => FilterEvaluator.Matches(filter, table.Id(s), table.Payload(s))).ToArray();
            var plan = FilterPlanner.TryIndexPlan(filter, index, table, live, maxFraction: 1.0);
            if (plan is not null)
            {
                planned++;
                Assert.Equal(expected, plan.Enumerate().ToArray());
            }
        }

        Assert.True(planned > 100, $"only {planned} filters used an index plan");
    }

    [Fact]
    public void Search_Should_ReturnMinOfKAndMatches_When_FilterIsSelective()
    {
        var rng = new Random(3);
        using var collection = Samples.Collection(DistanceMetric.Euclid, 8);
        var points = Samples.Points(rng, 5000, 8);
        collection.Upsert(points);
        var rare = Filter.WithMust(Condition.MatchInteger("n", 4), Condition.MatchKeyword("color", "red"));
        var matches = collection.Count(rare);
        Assert.InRange(matches, 1, 400);
        var hits = collection.Search(Samples.Queries(rng, 3, 8), 1000, rare);
        Assert.All(hits, h => Assert.Equal(matches, h.Count));
        var few = collection.Search(Samples.Queries(rng, 1, 8), 5, rare);
        Assert.Equal(Math.Min(5, matches), few[0].Count);
    }
}
