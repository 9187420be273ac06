// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>The two Services of the shard pods.</summary>
public static class ServiceBuilder
{
    /// <summary>
    /// Headless Service <c>&lt;cluster&gt;-nodes</c>, the StatefulSets' governing service: every pod
    /// gets <c>&lt;pod&gt;.&lt;cluster&gt;-nodes.&lt;ns&gt;.svc</c>. It publishes not-ready addresses so
    /// that replicas find their peers (and a restarting primary its replicas) before they are ready.
    /// </summary>
    public static Service Headless(V1Alpha1VectorCluster cluster, V1Alpha1VectorCluster.ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var name = cluster.Metadata.Name!;
        return new Service
        {
            Metadata = ClusterLabels.Meta(
                cluster, VectorClusterNames.HeadlessService(name), ClusterLabels.ShardComponent),
            Spec = new ServiceSpec
            {
                ClusterIP = "None",
                PublishNotReadyAddresses = true,
                Selector = ClusterLabels.Selector(name, ClusterLabels.ShardComponent),
                Ports = Ports(spec),
            },
        };
    }

    /// <summary>Client Service <c>&lt;cluster&gt;</c>: ready shard pods only; any node accepts any request.</summary>
    public static Service Client(V1Alpha1VectorCluster cluster, V1Alpha1VectorCluster.ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var name = cluster.Metadata.Name!;
        return new Service
        {
            Metadata = ClusterLabels.Meta(
                cluster, VectorClusterNames.ClientService(name), ClusterLabels.ShardComponent),
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = ClusterLabels.Selector(name, ClusterLabels.ShardComponent),
                Ports = Ports(spec),
            },
        };
    }

    private static List<ServicePort> Ports(V1Alpha1VectorCluster.ClusterSpec spec) =>
    [
        new ServicePort
        {
            Name = "grpc", Port = spec.Node!.GrpcPort!.Value, TargetPort = "grpc", Protocol = "TCP",
            AppProtocol = "kubernetes.io/h2c",
        },
        new ServicePort { Name = "http", Port = spec.Node.HttpPort!.Value, TargetPort = "http", Protocol = "TCP" },
    ];
}
