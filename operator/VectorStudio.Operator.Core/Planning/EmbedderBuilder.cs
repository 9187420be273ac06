// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// The embedder: a Deployment (stateless inference pods) and a ClusterIP Service
/// <c>&lt;cluster&gt;-embedder</c>. With <c>device: cuda</c> each pod gets an
/// <c>nvidia.com/gpu</c> limit, a GPU node selector (unless the spec gives its own) and a toleration
/// of the <c>nvidia.com/gpu</c> taint GPU node pools usually carry; with cpu it gets none of them.
/// A model given by URI is fetched by the pod at start into an emptyDir mounted at
/// <see cref="ModelCachePath"/> (the root filesystem is read-only); it lives as long as the pod, so a
/// container restart reuses the download. A model on a volume gets no cache.
/// </summary>
public static class EmbedderBuilder
{
    public const string ContainerName = "embedder";
    public const string ModelPath = "/models";
    public const string ModelCacheVolume = "model-cache";
    public const string ModelCachePath = "/var/cache/vector-studio/models";
    public const int GrpcPort = 50051;
    public const int HttpPort = 8080;
    public const string GpuNodeLabel = "nvidia.com/gpu.present";

    public static Deployment Deployment(V1Alpha1VectorCluster cluster, V1Alpha1VectorCluster.ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(spec);
        var name = cluster.Metadata.Name!;
        var e = spec.Embedder!;
        var cuda = e.Device == EmbedderDevice.Cuda;
        var volumes = new List<Volume> { new() { Name = "tmp", EmptyDir = new EmptyDirVolumeSource() } };
        if (e.Model?.Volume is { } mv)
        {
            volumes.Add(new Volume
            {
                Name = "model",
                PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource
                {
                    ClaimName = mv.ClaimName,
                    ReadOnly = true,
                },
            });
        }
        else
        {
            volumes.Add(new Volume { Name = ModelCacheVolume, EmptyDir = new EmptyDirVolumeSource() });
        }

        return new Deployment
        {
            Metadata = ClusterLabels.Meta(cluster, VectorClusterNames.Embedder(name), ClusterLabels.EmbedderComponent),
            Spec = new DeploymentSpec
            {
                Replicas = e.Replicas,
                RevisionHistoryLimit = 5,
                Selector = new LabelSelector
                {
                    MatchLabels = ClusterLabels.Selector(name, ClusterLabels.EmbedderComponent),
                },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = ClusterLabels.For(name, ClusterLabels.EmbedderComponent) },
                    Spec = new PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        EnableServiceLinks = false,
                        SecurityContext = PodSecurity.Pod(),
                        NodeSelector = NodeSelector(spec.PodTemplate!, e, cuda),
                        Tolerations = Tolerations(spec.PodTemplate!, e, cuda),
                        Affinity = spec.PodTemplate!.Affinity,
                        Containers = [Container(e, cuda)],
                        Volumes = volumes,
                    },
                },
            },
        };
    }

    public static Service Service(V1Alpha1VectorCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var name = cluster.Metadata.Name!;
        return new Service
        {
            Metadata = ClusterLabels.Meta(cluster, VectorClusterNames.Embedder(name), ClusterLabels.EmbedderComponent),
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = ClusterLabels.Selector(name, ClusterLabels.EmbedderComponent),
                Ports =
                [
                    new ServicePort
                    {
                        Name = "grpc", Port = GrpcPort, TargetPort = "grpc", Protocol = "TCP",
                        AppProtocol = "kubernetes.io/h2c",
                    },
                    new ServicePort { Name = "http", Port = HttpPort, TargetPort = "http", Protocol = "TCP" },
                ],
            },
        };
    }

    private static Container Container(EmbedderSpec e, bool cuda)
    {
        var args = new List<string>
        {
            "--bind", "0.0.0.0",
            "--grpc-port", Text(GrpcPort),
            "--http-port", Text(HttpPort),
            "--device", cuda ? "cuda" : "cpu",
            "--max-batch-size", Text(e.Batching!.MaxBatchSize!.Value),
            "--max-batch-wait-ms", Text(e.Batching.MaxWaitMilliseconds!.Value),
        };
        args.AddRange(e.Model?.Volume is { } v
            ? ["--model-dir", $"{ModelPath}/{v.Path}"]
            : ["--model-uri", e.Model?.Uri ?? "", "--model-cache-dir", ModelCachePath]);
        List<VolumeMount> mounts =
        [
            new() { Name = "tmp", MountPath = "/tmp" },
            e.Model?.Volume is not null
                ? new() { Name = "model", MountPath = ModelPath, ReadOnly = true }
                : new() { Name = ModelCacheVolume, MountPath = ModelCachePath },
        ];

        return new Container
        {
            Name = ContainerName,
            Image = e.Image,
            ImagePullPolicy = e.ImagePullPolicy!.Value.ToString(),
            Args = args,
            Ports =
            [
                new ContainerPort { Name = "grpc", Port = GrpcPort, Protocol = "TCP" },
                new ContainerPort { Name = "http", Port = HttpPort, Protocol = "TCP" },
            ],
            Resources = Resources(e, cuda),
            VolumeMounts = mounts,

            // Loading a model (and, on GPU, initialising CUDA) takes long: same startup budget as a node.
            StartupProbe = NodeProbes.Startup(),
            ReadinessProbe = NodeProbes.Readiness(GrpcPort),
            LivenessProbe = NodeProbes.Liveness(),
            SecurityContext = PodSecurity.Container(),
        };
    }

    /// <summary>
    /// The user's resources plus, for cuda, the GPU limit. Extended resources cannot be
    /// overcommitted: the API server sets the request equal to the limit, so the limit is enough.
    /// </summary>
    private static ResourceRequirements? Resources(EmbedderSpec e, bool cuda)
    {
        if (!cuda)
        {
            return e.Resources;
        }

        var limits = new Dictionary<string, string>(e.Resources?.Limits ?? [], StringComparer.Ordinal)
        {
            [VectorClusterValidator.GpuResource] = Text(e.Gpus!.Value),
        };
        return new ResourceRequirements { Requests = e.Resources?.Requests, Limits = limits };
    }

    private static Dictionary<string, string>? NodeSelector(PodTemplateOverrides pod, EmbedderSpec e, bool cuda)
    {
        var selector = new Dictionary<string, string>(pod.NodeSelector ?? [], StringComparer.Ordinal);
        foreach (var (k, v) in e.NodeSelector ?? (cuda ? new() { [GpuNodeLabel] = "true" } : []))
        {
            selector[k] = v;
        }

        return selector.Count > 0 ? selector : null;
    }

    private static List<Toleration>? Tolerations(PodTemplateOverrides pod, EmbedderSpec e, bool cuda)
    {
        var list = new List<Toleration>([.. pod.Tolerations ?? [], .. e.Tolerations ?? []]);
        if (cuda)
        {
            list.Add(new Toleration
            {
                Key = VectorClusterValidator.GpuResource,
                Operator = "Exists",
                Effect = "NoSchedule",
            });
        }

        return list.Count > 0 ? list : null;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
