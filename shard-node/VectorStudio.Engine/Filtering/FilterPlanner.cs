// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Filtering;

/// <summary>
/// Chooses how a filter finds its points. Every <c>must</c> condition that an index answers (field
/// conditions, has_id) gets an estimated match count; if the smallest is below
/// <c>maxFraction</c> of the live points, its matches become the candidates and only they are
/// checked against the whole filter (plan a). Otherwise the caller scans every live point and
/// evaluates the filter inline (plan b).
/// </summary>
internal static class FilterPlanner
{
    /// <summary>
    /// Plan a for search when the best index condition keeps at most 1/32 of the points: candidates
    /// scattered over the collection still cost up to one 16-vector panel each, so beyond about
    /// 1/16 scoring everything is as cheap.
    /// </summary>
    public const double SearchMaxFraction = 1.0 / 32;

    /// <summary>Plan a for count, scroll and delete, which score nothing: any clear saving counts.</summary>
    public const double ReadMaxFraction = 1.0 / 4;

    /// <summary>
    /// The live slots matching <paramref name="filter"/> if an index condition is selective enough;
    /// null means "scan and evaluate inline".
    /// </summary>
    public static SlotBitset? TryIndexPlan(
        Filter filter, PayloadIndex index, PointTable points, SlotBitset live, double maxFraction)
    {
        var cap = (int)Math.Min(int.MaxValue, Math.Max(16, points.Count * maxFraction));
        Condition? best = null;
        var bestEstimate = int.MaxValue;
        foreach (var condition in filter.Must)
        {
            var estimate = Estimate(condition, index, cap);
            if (estimate < bestEstimate)
            {
                best = condition;
                bestEstimate = estimate;
            }
        }

        if (best is null || bestEstimate > cap)
        {
            return null;
        }

        var result = new SlotBitset(live.Capacity);
        foreach (var slot in Candidates(best, index, points))
        {
            if (live.Contains(slot) && !result.Contains(slot)
                && FilterEvaluator.Matches(filter, points.Id(slot), points.Payload(slot)))
            {
                result.Add(slot);
            }
        }

        return result;
    }

    private static int Estimate(Condition condition, PayloadIndex index, int cap) => condition.Kind switch
    {
        ConditionKind.HasId => condition.Ids.Count,
        ConditionKind.Nested => int.MaxValue,
        ConditionKind.MatchKeyword or ConditionKind.MatchInteger or ConditionKind.MatchBool
            or ConditionKind.AnyKeyword or ConditionKind.AnyInteger or ConditionKind.Range =>
            index.Field(condition.Key!)?.Estimate(condition, cap) ?? 0,
    };

    private static IEnumerable<int> Candidates(Condition condition, PayloadIndex index, PointTable points)
    {
        if (condition.Kind == ConditionKind.HasId)
        {
            foreach (var id in condition.Ids)
            {
                if (points.TryGetSlot(id, out var slot))
                {
                    yield return slot;
                }
            }

            yield break;
        }

        var field = index.Field(condition.Key!);
        if (field is null)
        {
            yield break;
        }

        foreach (var slot in field.Candidates(condition))
        {
            yield return slot;
        }
    }
}
