// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Status;

/// <summary>
/// Report: the VectorCluster's status as a pure function of the resource (its previous status
/// included), what was observed and the current time (passed in; used only for condition
/// transition times).
/// <code>
///                 first shard StatefulSet seen          every shard has a ready replica
///   Pending ───────────────────────────► Provisioning ─────────────────────────────────┐
///                                                                                     ▼
///   Degraded ◄── replicas or a shard lost ── Ready ◄── rollout done ── Updating ◄── spec change
///      └───────────── all ready again ─────────►┘
///   any phase ── spec fails validation ──► Invalid (nothing torn down) ── spec fixed ──► recomputed
/// </code>
/// Provisioning and Degraded differ only by history: a shard without a ready replica is expected
/// while the cluster has never served (Provisioning) and an outage once it has (Degraded).
/// </summary>
public static class ClusterStatusCalculator
{
    private const int MaxListed = 8;

    public static V1Alpha1VectorCluster.ClusterStatus Compute(
        V1Alpha1VectorCluster cluster, ObservedCluster observed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(observed);
        var previous = cluster.Status;
        var errors = VectorClusterValidator.Validate(cluster);
        var spec = VectorClusterDefaults.ApplyDefaults(cluster.Spec);
        var name = cluster.Metadata.Name!;
        var shards = Observe(name, spec, observed);
        var embedderWanted = spec.Embedder?.Replicas ?? 0;
        var embedderReady = observed.Embedder?.Status?.ReadyReplicas ?? 0;
        var verdict = Verdict.Decide(shards, embedderWanted, embedderReady, previous?.Phase);
        var generation = cluster.Metadata.Generation;

        var conditions = errors.Count > 0
            ? Invalid(errors, verdict, generation)
            : verdict.Conditions(generation);
        var phase = errors.Count > 0 ? ClusterPhase.Invalid : verdict.Phase;
        var shardStatuses = ShardStatuses(name, shards, observed, previous);
        return new V1Alpha1VectorCluster.ClusterStatus
        {
            Phase = phase,
            PhaseReason = errors.Count > 0 ? "spec is invalid: " + string.Join("; ", errors) : verdict.Message,
            ObservedGeneration = generation,
            Conditions = ConditionSet.Merge(previous?.Conditions, conditions, now),
            Shards = shardStatuses,
            ReadyShards = shards.Count(s => s.Desired > 0 && s.Exists && s.Ready >= s.Desired),
            EmbedderReadyReplicas = spec.Embedder is null ? null : embedderReady,
            VectorCount = VectorCount(name, shards, observed, previous),
        };
    }

    private static List<ShardObservation> Observe(
        string name, V1Alpha1VectorCluster.ClusterSpec spec, ObservedCluster observed)
    {
        var byIndex = observed.StatefulSets
            .Where(s => s.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Instance) == name)
            .Where(s => ShardIndex.Of(s) is not null)
            .GroupBy(s => ShardIndex.Of(s)!.Value)
            .ToDictionary(g => g.Key, g => g.First());
        var count = Math.Max(spec.Shards!.Value, byIndex.Count == 0 ? 0 : byIndex.Keys.Max() + 1);
        return [.. Enumerable.Range(0, count).Select(i => ShardObservation.From(
            i, i < spec.Shards.Value ? spec.ReplicasPerShard!.Value : 0, byIndex.GetValueOrDefault(i)))];
    }

    private static List<ClusterCondition> Invalid(IReadOnlyList<string> errors, Verdict verdict, long? generation)
    {
        var message = "spec is invalid, nothing was changed: " + string.Join("; ", errors);
        var degraded = verdict.Conditions(generation).First(c => c.Type == ConditionTypes.Degraded);
        return
        [
            ConditionSet.Make(
                ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.InvalidSpec, message, generation),
            ConditionSet.Make(
                ConditionTypes.Progressing, ConditionStatus.False, ConditionReasons.InvalidSpec, message, generation),
            degraded,
        ];
    }

    private static List<ShardStatus> ShardStatuses(
        string name,
        List<ShardObservation> shards,
        ObservedCluster observed,
        V1Alpha1VectorCluster.ClusterStatus? previous)
        => [.. shards.Where(s => s.Exists || s.Desired > 0).Select(s =>
        {
            var before = previous?.Shards?.FirstOrDefault(p => p.Index == s.Index);
            var primary = Reports(name, s.Index, observed).FirstOrDefault(r => r.IsPrimary);
            return new ShardStatus
            {
                Index = s.Index,
                Replicas = s.Replicas,
                ReadyReplicas = s.Ready,
                CurrentPrimary = primary?.PodName ?? before?.CurrentPrimary,

                // The failover controller owns targetPrimary and the term; carried over here.
                TargetPrimary = before?.TargetPrimary ?? primary?.PodName,
                Term = Math.Max(primary?.Term ?? 0, before?.Term ?? 0) is var t && t > 0 ? t : null,
            };
        })];

    private static long VectorCount(
        string name,
        List<ShardObservation> shards,
        ObservedCluster observed,
        V1Alpha1VectorCluster.ClusterStatus? previous)
    {
        if (observed.NodeReports.Count == 0)
        {
            return previous?.VectorCount ?? 0;
        }

        // One copy per shard: the primary's count, or the fullest replica while no primary reports.
        return shards.Where(s => s.Desired > 0).Sum(s =>
        {
            var reports = Reports(name, s.Index, observed).ToList();
            return reports.FirstOrDefault(r => r.IsPrimary)?.VectorCount
                ?? (reports.Count == 0 ? 0 : reports.Max(r => r.VectorCount));
        });
    }

    private static IEnumerable<NodeReport> Reports(string name, int shard, ObservedCluster observed)
    {
        var prefix = VectorClusterNames.ShardStatefulSet(name, shard) + "-";
        return observed.NodeReports.Where(r => r.PodName.StartsWith(prefix, StringComparison.Ordinal)
            && r.PodName.Length > prefix.Length && r.PodName[prefix.Length..].All(char.IsAsciiDigit));
    }

    internal static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        var shown = string.Join("; ", all.Take(MaxListed));
        return all.Count > MaxListed ? $"{shown}; and {all.Count - MaxListed} more" : shown;
    }
}
