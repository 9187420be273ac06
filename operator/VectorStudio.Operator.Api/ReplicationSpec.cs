// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace VectorStudio.Operator.Api;

/// <summary>Replication within a shard.</summary>
public sealed class ReplicationSpec
{
    [Description("async: acknowledge after the primary's write-ahead log; sync: after every in-sync replica; "
        + "semiSync: after minReplicas replicas besides the primary.")]
    public ReplicationMode? Mode { get; set; }

    [Description("semiSync only: replicas besides the primary that must hold a write before it is "
        + "acknowledged. Must be below replicasPerShard.")]
    [Range(0, 8)]
    public int? MinReplicas { get; set; }
}
