// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// One StatefulSet per shard: <c>&lt;cluster&gt;-shard-&lt;i&gt;</c> with stable pod names, a data
/// volume per pod, probes, spreading over nodes and the restricted security profile.
/// </summary>
/// <remarks>
/// <c>podManagementPolicy: Parallel</c>: a shard's replicas do not depend on each other to start
/// (they find peers through the headless Service, which publishes not-ready addresses), so waiting
/// for ordinal 0 before starting ordinal 1 only slows provisioning and recovery. Rolling updates are
/// unaffected: they still replace one pod at a time, highest ordinal first.
/// </remarks>
public static class ShardStatefulSetBuilder
{
    public const string ContainerName = "node";
    public const string DataPath = "/data";
    public const string TopologyVolume = "topology";
    public const string TopologyPath = "/etc/vector-studio/topology";
    public const string TmpVolume = "tmp";
    public const string AuthTokenKey = "token";

    /// <param name="cluster">The VectorCluster (metadata: name, namespace, uid).</param>
    /// <param name="spec">Its spec with defaults applied.</param>
    /// <param name="shard">The shard index.</param>
    /// <param name="observed">The StatefulSet as it exists, or null.</param>
    public static StatefulSet Build(
        V1Alpha1VectorCluster cluster, V1Alpha1VectorCluster.ClusterSpec spec, int shard, StatefulSet? observed)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(spec);
        var name = cluster.Metadata.Name!;
        var node = spec.Node!;
        return new StatefulSet
        {
            Metadata = ClusterLabels.Meta(cluster, VectorClusterNames.ShardStatefulSet(name, shard),
                ClusterLabels.ShardComponent, shard),
            Spec = new StatefulSetSpec
            {
                Replicas = spec.ReplicasPerShard,
                ServiceName = VectorClusterNames.HeadlessService(name),
                Selector = new LabelSelector
                {
                    MatchLabels = ClusterLabels.Selector(name, ClusterLabels.ShardComponent, shard),
                },
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate" },
                PersistentVolumeClaimRetentionPolicy = new StatefulSetPersistentVolumeClaimRetentionPolicy
                {
                    WhenDeleted = node.Storage!.DeletePolicy!.Value.ToString(),

                    // Scaling replicas down and up again reuses the data instead of re-seeding a replica.
                    WhenScaled = nameof(StorageDeletePolicy.Retain),
                },
                RevisionHistoryLimit = 5,
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta
                    {
                        Labels = ClusterLabels.For(name, ClusterLabels.ShardComponent, shard),
                        Annotations = new() { ["kubectl.kubernetes.io/default-container"] = ContainerName },
                    },
                    Spec = PodSpec(cluster, spec, shard),
                },

                // volumeClaimTemplates are immutable once the StatefulSet exists: keep what it has, so a
                // changed storage size or class never makes the whole apply fail. Growing volumes is a
                // separate, explicit step on the claims.
                VolumeClaimTemplates = observed?.Spec?.VolumeClaimTemplates ?? [ClaimTemplate(node.Storage)],
            },
        };
    }

    private static PodSpec PodSpec(V1Alpha1VectorCluster cluster, V1Alpha1VectorCluster.ClusterSpec spec, int shard)
    {
        var name = cluster.Metadata.Name!;
        var overrides = spec.PodTemplate!;
        return new PodSpec
        {
            AutomountServiceAccountToken = false,
            EnableServiceLinks = false,
            TerminationGracePeriodSeconds = 30,
            SecurityContext = PodSecurity.Pod(),
            NodeSelector = overrides.NodeSelector is { Count: > 0 } ns ? new(ns) : null,
            Tolerations = overrides.Tolerations is { Count: > 0 } t ? [.. t] : null,
            Affinity = ShardAffinity.Build(name, shard, overrides),
            Containers = [NodeContainer(spec)],
            Volumes =
            [
                new Volume
                {
                    Name = TopologyVolume,
                    ConfigMap = new ConfigMapVolumeSource { Name = VectorClusterNames.TopologyConfigMap(name) },
                },
                new Volume { Name = TmpVolume, EmptyDir = new EmptyDirVolumeSource() },
            ],
        };
    }

    private static Container NodeContainer(V1Alpha1VectorCluster.ClusterSpec spec)
    {
        var node = spec.Node!;
        var grpc = node.GrpcPort!.Value;
        var http = node.HttpPort!.Value;
        var args = new List<string>
        {
            "--data-dir", DataPath, "--bind", "0.0.0.0",
            "--grpc-port", grpc.ToString(CultureInfo.InvariantCulture),
            "--http-port", http.ToString(CultureInfo.InvariantCulture),
            "--node-id", "$(POD_NAME)",
        };
        args.AddRange(node.ExtraArgs ?? []);
        return new Container
        {
            Name = ContainerName,
            Image = node.Image,
            ImagePullPolicy = node.ImagePullPolicy!.Value.ToString(),
            Args = args,
            Ports =
            [
                new ContainerPort { Name = "grpc", Port = grpc, Protocol = "TCP" },
                new ContainerPort { Name = NodeProbes.HttpPortName, Port = http, Protocol = "TCP" },
            ],
            Env = [.. NodeEnv(spec), .. node.ExtraEnv ?? []],
            Resources = node.Resources,
            VolumeMounts =
            [
                new VolumeMount { Name = VectorClusterNames.DataVolume, MountPath = DataPath },
                new VolumeMount { Name = TopologyVolume, MountPath = TopologyPath, ReadOnly = true },
                new VolumeMount { Name = TmpVolume, MountPath = "/tmp" },
            ],
            StartupProbe = NodeProbes.Startup(),
            ReadinessProbe = NodeProbes.Readiness(grpc),
            LivenessProbe = NodeProbes.Liveness(),
            SecurityContext = PodSecurity.Container(),
        };
    }

    private static IEnumerable<EnvVar> NodeEnv(V1Alpha1VectorCluster.ClusterSpec spec)
    {
        yield return FieldEnv("POD_NAME", "metadata.name");
        yield return FieldEnv("POD_NAMESPACE", "metadata.namespace");
        yield return new EnvVar
        {
            Name = "VECTORSTUDIO_AUTH_TOKEN",
            ValueFrom = new EnvVarSource
            {
                SecretKeyRef = new KeySelector { Name = spec.Auth!.SecretName!, Key = AuthTokenKey },
            },
        };
    }

    private static EnvVar FieldEnv(string name, string path) => new()
    {
        Name = name,
        ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = path } },
    };

    private static PersistentVolumeClaim ClaimTemplate(StorageSpec storage) => new()
    {
        Metadata = new ObjectMeta { Name = VectorClusterNames.DataVolume },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = storage.StorageClassName,
            Resources = new ResourceRequirements { Requests = new() { ["storage"] = storage.Size! } },
        },
    };
}
