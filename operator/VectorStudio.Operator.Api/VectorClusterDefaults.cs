// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Api;

/// <summary>
/// The one place VectorCluster defaults live. <see cref="ApplyDefaults"/> fills every unset field;
/// the CRD generator reads its result to publish the same values as schema defaults, so the API
/// server and the operator never disagree.
/// </summary>
public static class VectorClusterDefaults
{
    public const int Shards = 1;
    public const int ReplicasPerShard = 3;
    public const ReplicationMode Mode = ReplicationMode.Async;
    public const int MinReplicas = 1;
    public const ShardingStrategy Strategy = ShardingStrategy.ConsistentHash;
    public const int VirtualNodes = 150;
    public const int FailoverGracePeriodSeconds = 10;
    public const string NodeImage = "ghcr.io/vector-studio/vector-studio-node:0.1.0";
    public const string EmbedderImage = "ghcr.io/vector-studio/vector-studio-embedder:0.1.0";
    public const ImagePullPolicy PullPolicy = ImagePullPolicy.IfNotPresent;
    public const string StorageSize = "10Gi";
    public const StorageDeletePolicy DeletePolicy = StorageDeletePolicy.Retain;
    public const int GrpcPort = 50051;
    public const int HttpPort = 8080;
    public const int EmbedderReplicas = 1;
    public const EmbedderDevice Device = EmbedderDevice.Cpu;
    public const int Gpus = 1;
    public const int MaxBatchSize = 32;
    public const int MaxWaitMilliseconds = 5;
    public const AntiAffinityMode AntiAffinity = AntiAffinityMode.Preferred;
    public const bool PodDisruptionBudgetEnabled = true;

    /// <summary>A Kubernetes resource quantity (the API machinery's own expression).</summary>
    public const string QuantityPattern =
        @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))"
        + @"(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    /// <summary>An RFC 1123 DNS subdomain (names of Secrets, claims, ConfigMaps).</summary>
    public const string DnsSubdomainPattern = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>
    /// Returns a copy of <paramref name="spec"/> with every unset field filled. Pure: the input is
    /// not changed. Only <c>embedder</c> stays null when unset (no embedder is deployed), and the
    /// optional objects inside it are filled only when it is present.
    /// </summary>
    public static V1Alpha1VectorCluster.ClusterSpec ApplyDefaults(V1Alpha1VectorCluster.ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var s = VectorClusterFuncs.DeepCopy(spec);
        s.Shards ??= Shards;
        s.ReplicasPerShard ??= ReplicasPerShard;
        s.Replication ??= new();
        s.Replication.Mode ??= Mode;
        s.Replication.MinReplicas ??= MinReplicas;
        s.Sharding ??= new();
        s.Sharding.Strategy ??= Strategy;
        s.Sharding.VirtualNodes ??= VirtualNodes;
        s.Failover ??= new();
        s.Failover.GracePeriodSeconds ??= FailoverGracePeriodSeconds;
        s.Node = DefaultNode(s.Node ?? new());
        s.Auth ??= new();
        s.PodTemplate ??= new();
        s.PodTemplate.AntiAffinity ??= AntiAffinity;
        s.PodDisruptionBudget ??= new();
        s.PodDisruptionBudget.Enabled ??= PodDisruptionBudgetEnabled;
        if (s.Embedder is { } e)
        {
            e.Replicas ??= EmbedderReplicas;
            e.Image ??= EmbedderImage;
            e.ImagePullPolicy ??= PullPolicy;
            e.Device ??= Device;
            e.Gpus ??= Gpus;
            e.Batching ??= new();
            e.Batching.MaxBatchSize ??= MaxBatchSize;
            e.Batching.MaxWaitMilliseconds ??= MaxWaitMilliseconds;
        }

        return s;
    }

    private static NodeSpec DefaultNode(NodeSpec n)
    {
        n.Image ??= NodeImage;
        n.ImagePullPolicy ??= PullPolicy;
        n.Storage ??= new();
        n.Storage.Size ??= StorageSize;
        n.Storage.DeletePolicy ??= DeletePolicy;
        n.GrpcPort ??= GrpcPort;
        n.HttpPort ??= HttpPort;
        return n;
    }
}
