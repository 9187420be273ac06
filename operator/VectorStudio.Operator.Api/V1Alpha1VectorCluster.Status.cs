// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api;

public sealed partial class V1Alpha1VectorCluster
{
    /// <summary>Observed state, written by the operator (status subresource).</summary>
    [Description("Observed state, written by the operator.")]
    public sealed class ClusterStatus
    {
        [Description("One-word summary: Pending, Provisioning, Ready, Updating, Degraded or Invalid.")]
        public ClusterPhase? Phase { get; set; }

        [Description("Why the cluster is in this phase.")]
        public string? PhaseReason { get; set; }

        [Description("The metadata.generation this status describes.")]
        public long? ObservedGeneration { get; set; }

        [Description("Ready, Progressing, Degraded and Rebalancing, with reasons and messages.")]
        [ListMapKeys("type")]
        public List<ClusterCondition>? Conditions { get; set; }

        [Description("Per-shard replicas, ready replicas, primary and term.")]
        [ListMapKeys("index")]
        public List<ShardStatus>? Shards { get; set; }

        [Description("Shards with every replica ready.")]
        public int? ReadyShards { get; set; }

        [Description("Ready embedder pods.")]
        public int? EmbedderReadyReplicas { get; set; }

        [Description("Points stored in the cluster, as the shard primaries last reported (0 until they report).")]
        public long? VectorCount { get; set; }
    }
}
