// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Api.Tests;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Tests;

/// <summary>Fake clusters, StatefulSets and reports for planner and status tests (cnpg's suite_test style).</summary>
internal static class Fixtures
{
    public const string Token = "golden-token";

    public static readonly PlanInputs Inputs = new(Token);

    public static V1Alpha1VectorCluster Cluster(V1Alpha1VectorCluster.ClusterSpec? spec = null, string name = "demo",
        long generation = 1)
        => new()
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "db", Uid = "0b9e3c1e-uid", Generation = generation },
            Spec = spec ?? new(),
        };

    public static V1Alpha1VectorCluster Load(string yaml)
    {
        var json = YamlJson.Parse(yaml)!.ToJsonString();
        var cluster = JsonSerializer.Deserialize<V1Alpha1VectorCluster>(json, KubeJson.Options)!;
        cluster.Metadata.Uid ??= "0b9e3c1e-uid";
        cluster.Metadata.Generation ??= 1;
        cluster.Metadata.Namespace ??= "db";
        return cluster;
    }

    /// <summary>An observed shard StatefulSet, settled (status caught up) unless told otherwise.</summary>
    public static StatefulSet Sts(
        string cluster, int shard, int replicas, int ready, int? statusReplicas = null, bool rolling = false)
        => new()
        {
            Metadata = new ObjectMeta
            {
                Name = VectorClusterNames.ShardStatefulSet(cluster, shard),
                Namespace = "db",
                Generation = 2,
                Labels = ClusterLabels.For(cluster, ClusterLabels.ShardComponent, shard),
            },
            Spec = new StatefulSetSpec { Replicas = replicas },
            Status = new StatefulSetStatus
            {
                ObservedGeneration = 2,
                Replicas = statusReplicas ?? replicas,
                ReadyReplicas = ready,
                UpdatedReplicas = rolling ? 0 : statusReplicas ?? replicas,
                CurrentRevision = "r1",
                UpdateRevision = rolling ? "r2" : "r1",
            },
        };

    public static ObservedCluster Observed(params StatefulSet[] sets) => new() { StatefulSets = sets };

    /// <summary>Every object the plan applies or creates, as JSON.</summary>
    public static List<JsonObject> Json(DesiredCluster desired)
        => [.. desired.Objects.Concat(desired.CreateOnly)
            .Select(o => JsonSerializer.SerializeToNode(o, o.GetType(), KubeJson.Options)!.AsObject())];
}
