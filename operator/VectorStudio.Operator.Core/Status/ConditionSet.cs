// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Status;

/// <summary>Conditions with stable transition times: a condition keeps its time until its status changes.</summary>
public static class ConditionSet
{
    public static ClusterCondition Make(
        string type, ConditionStatus status, string reason, string message, long? generation)
        => new() { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = generation };

    /// <summary>
    /// The new conditions, each stamped with <paramref name="now"/> when its status differs from the
    /// previous one (or it is new) and with the previous time otherwise. Conditions other code owns
    /// (Rebalancing) are carried over untouched.
    /// </summary>
    public static List<ClusterCondition> Merge(
        IReadOnlyList<ClusterCondition>? previous, IReadOnlyList<ClusterCondition> next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(next);
        var result = new List<ClusterCondition>();
        foreach (var c in next)
        {
            var before = previous?.FirstOrDefault(p => p.Type == c.Type);
            c.LastTransitionTime = before is not null && before.Status == c.Status
                ? before.LastTransitionTime ?? now
                : now;
            result.Add(c);
        }

        result.AddRange(previous?.Where(p => next.All(n => n.Type != p.Type)) ?? []);
        return result;
    }
}
