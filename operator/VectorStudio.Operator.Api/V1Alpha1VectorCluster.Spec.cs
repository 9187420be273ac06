// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api;

public sealed partial class V1Alpha1VectorCluster
{
    /// <summary>
    /// The desired cluster. Unset fields are filled by <see cref="VectorClusterDefaults.ApplyDefaults"/>.
    /// </summary>
    [Description("The desired cluster.")]
    [CelRule("!has(self.replication) || !has(self.replication.mode) || self.replication.mode != 'semiSync' "
        + "|| !has(self.replication.minReplicas) || !has(self.replicasPerShard) "
        + "|| self.replication.minReplicas < self.replicasPerShard",
        "replication.minReplicas counts replicas besides the primary, so in semiSync mode it must be below "
        + "replicasPerShard: lower minReplicas or raise replicasPerShard")]
    public sealed class ClusterSpec
    {
        [Description("Number of shards; each shard holds a slice of every collection and runs as one StatefulSet. "
            + "Changing it rebalances data (shards above a lowered count are kept until the rebalance "
            + "controller has moved their data).")]
        [Range(1, 256)]
        public int? Shards { get; set; }

        [Description("Copies of each shard, the primary included: one pod each, spread over nodes.")]
        [Range(1, 9)]
        public int? ReplicasPerShard { get; set; }

        [Description("How writes are replicated within a shard.")]
        public ReplicationSpec? Replication { get; set; }

        [Description("How ids map to shards.")]
        public ShardingSpec? Sharding { get; set; }

        [Description("When a shard's primary is replaced.")]
        public FailoverSpec? Failover { get; set; }

        [Description("The shard node pods: image, resources, storage, extra arguments.")]
        public NodeSpec? Node { get; set; }

        [Description("Client authentication.")]
        public AuthSpec? Auth { get; set; }

        [Description("The optional embedder (text to vector inference). Absent: no embedder is deployed.")]
        public EmbedderSpec? Embedder { get; set; }

        [Description("Scheduling overrides for every pod of the cluster (shards and embedder).")]
        public PodTemplateOverrides? PodTemplate { get; set; }

        [Description("One PodDisruptionBudget per shard, so a voluntary eviction (node drain) never takes "
            + "more than one replica of a shard at a time.")]
        public DisruptionBudgetSpec? PodDisruptionBudget { get; set; }
    }
}
