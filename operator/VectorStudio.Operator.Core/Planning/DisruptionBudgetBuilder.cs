// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Policy;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// One PodDisruptionBudget per shard with maxUnavailable 1: a node drain evicts at most one replica
/// of a shard at a time, so a shard with two or more replicas keeps serving through it.
/// </summary>
public static class DisruptionBudgetBuilder
{
    public static PodDisruptionBudget Build(V1Alpha1VectorCluster cluster, int shard)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var name = cluster.Metadata.Name!;
        return new PodDisruptionBudget
        {
            Metadata = ClusterLabels.Meta(cluster, VectorClusterNames.ShardDisruptionBudget(name, shard),
                ClusterLabels.ShardComponent, shard),
            Spec = new PodDisruptionBudgetSpec
            {
                MaxUnavailable = 1,
                Selector = new LabelSelector
                {
                    MatchLabels = ClusterLabels.Selector(name, ClusterLabels.ShardComponent, shard),
                },
            },
        };
    }
}
