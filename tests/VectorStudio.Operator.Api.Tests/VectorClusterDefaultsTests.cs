// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Api.Tests;

public sealed class VectorClusterDefaultsTests
{
    [Fact]
    public void ApplyDefaults_Should_FillEveryOptionalField_When_TheSpecIsEmpty()
    {
        var s = VectorClusterDefaults.ApplyDefaults(new V1Alpha1VectorCluster.ClusterSpec());

        Assert.Equal(1, s.Shards);
        Assert.Equal(3, s.ReplicasPerShard);
        Assert.Equal(ReplicationMode.Async, s.Replication!.Mode);
        Assert.Equal(1, s.Replication.MinReplicas);
        Assert.Equal(ShardingStrategy.ConsistentHash, s.Sharding!.Strategy);
        Assert.Equal(150, s.Sharding.VirtualNodes);
        Assert.Equal(10, s.Failover!.GracePeriodSeconds);
        Assert.Equal(VectorClusterDefaults.NodeImage, s.Node!.Image);
        Assert.Equal("10Gi", s.Node.Storage!.Size);
        Assert.Equal(StorageDeletePolicy.Retain, s.Node.Storage.DeletePolicy);
        Assert.Equal(50051, s.Node.GrpcPort);
        Assert.Equal(8080, s.Node.HttpPort);
        Assert.Equal(AntiAffinityMode.Preferred, s.PodTemplate!.AntiAffinity);
        Assert.True(s.PodDisruptionBudget!.Enabled);
        Assert.Null(s.Auth!.SecretName);
        Assert.Null(s.Embedder);
    }

    [Fact]
    public void ApplyDefaults_Should_KeepGivenValuesAndLeaveTheInputUnchanged_When_FieldsAreSet()
    {
        var input = new V1Alpha1VectorCluster.ClusterSpec
        {
            Shards = 4,
            Sharding = new ShardingSpec { VirtualNodes = 64 },
            Embedder = new EmbedderSpec { Device = EmbedderDevice.Cuda },
        };

        var s = VectorClusterDefaults.ApplyDefaults(input);

        Assert.Equal(4, s.Shards);
        Assert.Equal(64, s.Sharding!.VirtualNodes);
        Assert.Equal(ShardingStrategy.ConsistentHash, s.Sharding.Strategy);
        Assert.Equal(EmbedderDevice.Cuda, s.Embedder!.Device);
        Assert.Equal(1, s.Embedder.Gpus);
        Assert.Equal(32, s.Embedder.Batching!.MaxBatchSize);
        Assert.Null(input.ReplicasPerShard);
        Assert.Null(input.Sharding.Strategy);
        Assert.Null(input.Embedder.Batching);
        Assert.NotSame(input.Sharding, s.Sharding);
    }

    [Fact]
    public void CrdDefaults_Should_EqualApplyDefaults_When_EveryDefaultedFieldIsCompared()
    {
        // One source of truth: every scalar ApplyDefaults fills (embedder present, so its fields count
        // too) must be the schema's default at the same path, and every schema default must be one.
        var spec = VectorClusterDefaults.ApplyDefaults(
            new V1Alpha1VectorCluster.ClusterSpec { Embedder = new EmbedderSpec() });
        var defaulted = Leaves(JsonSerializer.SerializeToNode(spec, KubeJson.Options)!, ".spec").ToDictionary();
        var schema = SchemaDefaults(CrdGeneratorTests.At(".spec"), ".spec").ToDictionary();

        Assert.Equal(defaulted.Keys.Order(), schema.Keys.Order());
        foreach (var (path, value) in defaulted)
        {
            Assert.True(JsonNode.DeepEquals(value, schema[path]),
                $"{path}: ApplyDefaults {value}, schema {schema[path]}");
        }
    }

    private static IEnumerable<(string, JsonNode)> Leaves(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(kv => kv.Value is null ? [] : Leaves(kv.Value, path + "." + kv.Key)),
        JsonArray => [],
        _ => [(path, node)],
    };

    private static IEnumerable<(string, JsonNode)> SchemaDefaults(JsonObject schema, string path)
    {
        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            var c = child!.AsObject();
            if (c["type"]?.GetValue<string>() == "object")
            {
                foreach (var leaf in SchemaDefaults(c, path + "." + name))
                {
                    yield return leaf;
                }
            }
            else if (c["default"] is { } d)
            {
                yield return (path + "." + name, d);
            }
        }
    }
}
