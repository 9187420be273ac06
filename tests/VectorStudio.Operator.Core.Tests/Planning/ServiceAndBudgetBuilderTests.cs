// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Tests.Planning;

public sealed class ServiceAndBudgetBuilderTests
{
    private static readonly V1Alpha1VectorCluster Cluster = Fixtures.Cluster();
    private static readonly V1Alpha1VectorCluster.ClusterSpec Spec = VectorClusterDefaults.ApplyDefaults(Cluster.Spec);

    [Fact]
    public void Headless_Should_PublishNotReadyAddresses_When_Built()
    {
        var svc = ServiceBuilder.Headless(Cluster, Spec);

        Assert.Equal("demo-nodes", svc.Metadata.Name);
        Assert.Equal("None", svc.Spec!.ClusterIP);
        Assert.True(svc.Spec.PublishNotReadyAddresses);
        Assert.DoesNotContain(ClusterLabels.Shard, svc.Spec.Selector.Keys);
    }

    [Fact]
    public void Client_Should_ServeGrpcAsH2c_When_Built()
    {
        var svc = ServiceBuilder.Client(Cluster, Spec);

        Assert.Equal("demo", svc.Metadata.Name);
        Assert.Null(svc.Spec!.PublishNotReadyAddresses);
        var grpc = svc.Spec.Ports.Single(p => p.Name == "grpc");
        Assert.Equal(50051, grpc.Port);
        Assert.Equal("kubernetes.io/h2c", grpc.AppProtocol);
    }

    [Fact]
    public void DisruptionBudget_Should_AllowOneUnavailablePodOfOneShard_When_Built()
    {
        var pdb = DisruptionBudgetBuilder.Build(Cluster, 3);

        Assert.Equal("demo-shard-3", pdb.Metadata.Name);
        Assert.Equal(1, pdb.Spec!.MaxUnavailable);
        Assert.Equal("3", pdb.Spec.Selector.MatchLabels![ClusterLabels.Shard]);
    }

    [Fact]
    public void Topology_Should_ListEveryPodWithItsPeerAddress_When_Built()
    {
        var spec = VectorClusterDefaults.ApplyDefaults(new() { Shards = 2, ReplicasPerShard = 2 });

        var doc = TopologyConfigMapBuilder.Document(Cluster, spec);
        var map = TopologyConfigMapBuilder.Build(Cluster, spec);

        Assert.Equal(2, doc.Members.Count);
        Assert.Equal(["demo-shard-1-0", "demo-shard-1-1"], doc.Members[1].Pods);
        Assert.Equal("demo-shard-1-1.demo-nodes.db.svc:50051", doc.Members[1].Addresses[1]);
        var parsed = JsonDocument.Parse(map.Data![TopologyConfigMapBuilder.Key]).RootElement;
        Assert.Equal("consistentHash", parsed.GetProperty("strategy").GetString());
        Assert.Equal(150, parsed.GetProperty("virtualNodes").GetInt32());
    }
}
