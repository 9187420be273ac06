// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>The topology ConfigMap <c>&lt;cluster&gt;-topology</c> with <c>topology.json</c>.</summary>
public static class TopologyConfigMapBuilder
{
    public const string Key = "topology.json";

    private static readonly JsonSerializerOptions Indented = new(KubeJson.Options) { WriteIndented = true };

    public static ConfigMap Build(V1Alpha1VectorCluster cluster, V1Alpha1VectorCluster.ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(spec);
        return new ConfigMap
        {
            Metadata = ClusterLabels.Meta(cluster, VectorClusterNames.TopologyConfigMap(cluster.Metadata.Name!),
                ClusterLabels.TopologyComponent),
            Data = new() { [Key] = JsonSerializer.Serialize(Document(cluster, spec), Indented) + "\n" },
        };
    }

    public static TopologyDocument Document(V1Alpha1VectorCluster cluster, V1Alpha1VectorCluster.ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(spec);
        var name = cluster.Metadata.Name!;
        var domain = $"{VectorClusterNames.HeadlessService(name)}.{cluster.Metadata.Namespace}.svc";
        var members = Enumerable.Range(0, spec.Shards!.Value).Select(s =>
        {
            var pods = Enumerable.Range(0, spec.ReplicasPerShard!.Value)
                .Select(o => VectorClusterNames.ShardPod(name, s, o)).ToList();
            return new TopologyShard(s, pods, [.. pods.Select(p => $"{p}.{domain}:{spec.Node!.GrpcPort}")]);
        }).ToList();
        return new TopologyDocument(
            name, cluster.Metadata.Generation ?? 0, spec.Shards.Value, spec.ReplicasPerShard!.Value,
            spec.Sharding!.Strategy!.Value, spec.Sharding.VirtualNodes!.Value, spec.Replication!.Mode!.Value,
            spec.Replication.MinReplicas!.Value, members);
    }
}
