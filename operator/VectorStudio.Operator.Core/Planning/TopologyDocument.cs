// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// The topology ConfigMap's <c>topology.json</c>: what a node needs to route before the topology
/// service exists. Nodes read it from <c>/etc/vector-studio/topology/topology.json</c>; the kubelet
/// refreshes the file when the ConfigMap changes, without restarting the pod.
/// </summary>
/// <param name="Cluster">The VectorCluster's name.</param>
/// <param name="Generation">The spec generation this topology was planned from (its version).</param>
/// <param name="Shards">Shard count.</param>
/// <param name="ReplicasPerShard">Copies per shard.</param>
/// <param name="Strategy">consistentHash, hash or range.</param>
/// <param name="VirtualNodes">Ring points per shard (consistentHash).</param>
/// <param name="ReplicationMode">async, sync or semiSync.</param>
/// <param name="MinReplicas">semiSync quorum besides the primary.</param>
/// <param name="Members">Per shard, its pods and their gRPC addresses.</param>
public sealed record TopologyDocument(
    string Cluster,
    long Generation,
    int Shards,
    int ReplicasPerShard,
    ShardingStrategy Strategy,
    int VirtualNodes,
    ReplicationMode ReplicationMode,
    int MinReplicas,
    IReadOnlyList<TopologyShard> Members);
