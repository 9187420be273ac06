// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Api.Tests;

public sealed class SerializationTests
{
    [Fact]
    public void Deserialize_Should_ReadQuantitiesGivenAsNumbers_When_YamlHasBareIntegers()
    {
        const string Yaml = """
            apiVersion: vectorstudio.io/v1alpha1
            kind: VectorCluster
            metadata: {name: demo, namespace: db}
            spec:
              shards: 2
              replication: {mode: semiSync, minReplicas: 1}
              node:
                resources:
                  requests: {cpu: 2, memory: 4Gi}
            """;

        var json = YamlJson.Parse(Yaml)!.ToJsonString();
        var cluster = JsonSerializer.Deserialize<V1Alpha1VectorCluster>(json, KubeJson.Options)!;

        Assert.Equal(2, cluster.Spec.Shards);
        Assert.Equal(ReplicationMode.SemiSync, cluster.Spec.Replication!.Mode);
        Assert.Equal("2", cluster.Spec.Node!.Resources!.Requests!["cpu"]);
        Assert.Equal("4Gi", cluster.Spec.Node.Resources.Requests["memory"]);
    }

    [Fact]
    public void Serialize_Should_UseCamelCaseEnumNamesAndOmitNulls_When_Writing()
    {
        var cluster = new V1Alpha1VectorCluster
        {
            Metadata = new ObjectMeta { Name = "demo" },
            Spec = new V1Alpha1VectorCluster.ClusterSpec
            {
                Sharding = new ShardingSpec { Strategy = ShardingStrategy.ConsistentHash },
            },
        };

        var json = JsonSerializer.Serialize(cluster, KubeJson.Options);

        Assert.Equal("""{"apiVersion":"vectorstudio.io/v1alpha1","kind":"VectorCluster","metadata":{"name":"demo"},"""
            + "\"spec\":{\"sharding\":{\"strategy\":\"consistentHash\"}}}", json);
    }
}
