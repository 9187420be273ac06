// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Status;

/// <summary>
/// The workload verdict behind phase and conditions: which shards are missing, unavailable, short of
/// replicas, rolling out, scaling or waiting for removal, and whether the embedder is short.
/// </summary>
internal sealed record Verdict(
    ClusterPhase Phase,
    string ReadyReason,
    string Message,
    string? ProgressReason,
    string ProgressMessage,
    string? DegradedReason)
{
    public static Verdict Decide(
        IReadOnlyList<ShardObservation> shards, int embedderWanted, int embedderReady, ClusterPhase? previous)
    {
        var wanted = shards.Where(s => s.Desired > 0).ToList();
        var missing = wanted.Where(s => !s.Exists).ToList();
        var unavailable = wanted.Where(s => s.Exists && s.Ready == 0).ToList();
        var shortOfReplicas = wanted.Where(s => s.Exists && s.Ready > 0 && s.Ready < s.Desired).ToList();
        var retained = shards.Where(s => s.Retained).ToList();
        var embedderShort = embedderReady < embedderWanted;
        var served = previous is ClusterPhase.Ready or ClusterPhase.Updating or ClusterPhase.Degraded;

        var progress = Progress(wanted, missing, retained);
        var problems = ClusterStatusCalculator.List(
            missing.Select(s => $"shard {s.Index}: StatefulSet not created yet")
                .Concat(unavailable.Select(s => $"shard {s.Index}: 0/{s.Desired} replicas ready"))
                .Concat(shortOfReplicas.Select(s => $"shard {s.Index}: {s.Ready}/{s.Desired} replicas ready"))
                .Concat(embedderShort ? [$"embedder: {embedderReady}/{embedderWanted} replicas ready"] : []));

        if (wanted.All(s => !s.Exists))
        {
            return new(ClusterPhase.Pending, ConditionReasons.Provisioning, "no shard StatefulSet exists yet",
                ConditionReasons.Provisioning, "creating shard StatefulSets", null);
        }

        if (missing.Count > 0 || unavailable.Count > 0)
        {
            return served
                ? new(ClusterPhase.Degraded, ConditionReasons.ShardUnavailable, problems, progress.Reason,
                    progress.Message, ConditionReasons.ShardUnavailable)
                : new(ClusterPhase.Provisioning, ConditionReasons.ReplicasNotReady, problems,
                    ConditionReasons.Provisioning, "waiting for every shard to have a ready replica: " + problems,
                    null);
        }

        if (shortOfReplicas.Count == 0 && !embedderShort && progress.Reason is null)
        {
            return new(ClusterPhase.Ready, ConditionReasons.AllReplicasReady,
                $"{wanted.Count} shard(s) × {wanted.FirstOrDefault()?.Desired ?? 0} replicas ready", null,
                "everything observed matches the spec", null);
        }

        var notReadyReason = shortOfReplicas.Count > 0
            ? ConditionReasons.ReplicasNotReady
            : ConditionReasons.EmbedderNotReady;
        if (progress.Reason is not null)
        {
            return new(ClusterPhase.Updating, notReadyReason, problems.Length > 0 ? problems : progress.Message,
                progress.Reason, progress.Message, null);
        }

        return served
            ? new(ClusterPhase.Degraded, notReadyReason, problems, null, "everything observed matches the spec",
                notReadyReason)
            : new(ClusterPhase.Provisioning, notReadyReason, problems, ConditionReasons.Provisioning,
                "waiting for replicas: " + problems, null);
    }

    public List<ClusterCondition> Conditions(long? generation) =>
    [
        ConditionSet.Make(
            ConditionTypes.Ready, Status(Phase == ClusterPhase.Ready), ReadyReason, Message, generation),
        ConditionSet.Make(
            ConditionTypes.Progressing, Status(ProgressReason is not null),
            ProgressReason ?? ConditionReasons.RolloutComplete, ProgressMessage, generation),
        ConditionSet.Make(
            ConditionTypes.Degraded, Status(DegradedReason is not null), DegradedReason ?? ConditionReasons.AsExpected,
            DegradedReason is null ? "no shard or embedder is short" : Message, generation),
    ];

    private static ConditionStatus Status(bool value) => value ? ConditionStatus.True : ConditionStatus.False;

    private static (string? Reason, string Message) Progress(
        List<ShardObservation> wanted, List<ShardObservation> missing, List<ShardObservation> retained)
    {
        if (missing.Count > 0)
        {
            return (ConditionReasons.Provisioning, "creating StatefulSets of shards "
                + string.Join(", ", missing.Select(s => s.Index)));
        }

        var scaling = wanted.Where(s => s.Scaling).ToList();
        if (scaling.Count > 0)
        {
            return (ConditionReasons.Scaling, ClusterStatusCalculator.List(
                scaling.Select(s => $"shard {s.Index}: {s.Replicas} -> {s.Desired} replicas")));
        }

        var rolling = wanted.Where(s => s.RollingOut).ToList();
        if (rolling.Count > 0)
        {
            return (ConditionReasons.RollingUpdate,
                "replacing pods of shards " + string.Join(", ", rolling.Select(s => s.Index)));
        }

        return retained.Count > 0
            ? (ConditionReasons.ShardRemovalPending,
                $"shards {string.Join(", ", retained.Select(s => s.Index))} are above "
                + $"the shard count ({wanted.Count}) and still hold data; they are kept until the rebalance controller "
                + "has moved it")
            : (null, "everything observed matches the spec");
    }
}
