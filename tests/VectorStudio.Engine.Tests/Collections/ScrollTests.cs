// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Collections;

public class ScrollTests
{
    [Fact]
    public void Scroll_Should_ReturnEveryPointOnceInIdOrder_When_Paginated()
    {
        var rng = new Random(2);
        using var collection = Samples.Collection(DistanceMetric.Dot, 2);
        var points = Samples.Points(rng, 1000, 2);
        collection.Upsert(points);
        collection.Delete(points.Take(100).Select(p => p.Id).ToArray());
        var seen = new List<PointId>();
        PointId? after = null;
        do
        {
            var page = collection.Scroll(null, after, 37, false, false);
            Assert.True(page.Points.Count <= 37);
            seen.AddRange(page.Points.Select(p => p.Id));
            after = page.NextAfter;
        }
        while (after is not null);

        var expected = points.Skip(100).Select(p => p.Id).Order().ToList();
        Assert.Equal(expected, seen);
        Assert.True(seen.First().IsNumber);
        Assert.False(seen.Last().IsNumber);
    }

    [Fact]
    public void Scroll_Should_ReturnMatchesAfterId_When_FilteredAndStartedMidway()
    {
        var rng = new Random(6);
        using var collection = Samples.Collection(DistanceMetric.Dot, 2);
        var points = Samples.Points(rng, 400, 2);
        collection.Upsert(points);
        var filter = Filter.WithMust(Condition.MatchBool("flag", true));
        var after = PointId.FromNumber(200);
        var page = collection.Scroll(filter, after, 10_000, withVectors: true, withPayload: true);
        var expected = points
            .Where(p => p.Id > after && FilterEvaluator.Matches(filter, p.Id, p.Payload))
            .Select(p => p.Id).Order().ToList();
        Assert.Equal(expected, page.Points.Select(p => p.Id));
        Assert.Null(page.NextAfter);
        Assert.All(page.Points, p => Assert.Equal(2, p.Vector!.Length));
    }

    [Fact]
    public void PointId_Should_OrderNumbersBeforeStringsAndStringsByUtf8_When_Compared()
    {
        var ids = new[]
        {
            PointId.FromString("\uFF21"), PointId.FromString("b"), PointId.FromNumber(10), PointId.FromString("\U0001F600"),
            PointId.FromNumber(2), PointId.FromString("a"),
        };
        Assert.Equal(["2", "10", "\"a\"", "\"b\"", "\"\uFF21\"", "\"\U0001F600\""], ids.Order().Select(i => i.ToString()));
    }
}
