// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace VectorStudio.Operator.Api;

/// <summary>Observed state of one shard.</summary>
public sealed class ShardStatus
{
    [Description("Shard index, 0-based.")]
    [Required]
    public int Index { get; set; }

    [Description("Pods the shard's StatefulSet currently has.")]
    public int Replicas { get; set; }

    [Description("Of those, pods that are ready.")]
    public int ReadyReplicas { get; set; }

    [Description("Pod that serves as primary now (reported by the node).")]
    public string? CurrentPrimary { get; set; }

    [Description("Pod the failover controller is promoting; equals currentPrimary when no failover runs.")]
    public string? TargetPrimary { get; set; }

    [Description("Replication term: raised on every promotion; nodes refuse records from a lower term.")]
    public long? Term { get; set; }
}
