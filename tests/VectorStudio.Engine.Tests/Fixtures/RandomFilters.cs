// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Fixtures;

/// <summary>Random filters over the fields of <see cref="Samples.Payload"/>, from very selective to broad.</summary>
internal static class RandomFilters
{
    public static Filter Filter(Random rng, PointId[] ids, int depth = 0)
    {
        List<Condition> Some(int max) => Enumerable.Range(0, rng.Next(max + 1)).Select(_ => Condition(rng, ids, depth)).ToList();
        var filter = new Filter(Some(2), Some(2), Some(1));
        return filter.IsEmpty ? Engine.Filtering.Filter.WithMust(Condition(rng, ids, depth)) : filter;
    }

    public static Condition Condition(Random rng, PointId[] ids, int depth)
    {
        var colors = Samples.Colors;
        switch (rng.Next(depth < 2 ? 9 : 8))
        {
            case 0:
                return Engine.Filtering.Condition.MatchKeyword(rng.Next(2) == 0 ? "color" : "tags", colors[rng.Next(colors.Length)]);
            case 1:
                return Engine.Filtering.Condition.MatchInteger("n", rng.Next(12));
            case 2:
                return Engine.Filtering.Condition.MatchBool("flag", rng.Next(2) == 0);
            case 3:
                return Engine.Filtering.Condition.AnyKeyword("color", colors.Where(_ => rng.Next(2) == 0).Append("none"));
            case 4:
                return Engine.Filtering.Condition.AnyInteger("n", Enumerable.Range(0, rng.Next(1, 4)).Select(_ => (long)rng.Next(10)));
            case 5:
                var lo = rng.Next(100);
                return Engine.Filtering.Condition.InRange("price", rng.Next(2) == 0
                    ? new RangeBounds(Gte: lo, Lt: lo + rng.Next(1, 30))
                    : new RangeBounds(Gt: lo));
            case 6:
                return Engine.Filtering.Condition.InRange("n", new RangeBounds(Lte: rng.Next(10)));
            case 7:
                return Engine.Filtering.Condition.HasId(ids.Length == 0 ? [] : Enumerable.Range(0, rng.Next(1, 20)).Select(_ => ids[rng.Next(ids.Length)]));
            default:
                return Engine.Filtering.Condition.Nested(Filter(rng, ids, depth + 1));
        }
    }
}
