// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Operator.Api;

/// <summary>
/// Checks the schema cannot express (or that an API server without CEL would let through). Runs on
/// a defaulted spec; every message names the field, what is wrong and what to change. An invalid
/// spec changes nothing in the cluster: the planner holds the existing objects and status says why.
/// </summary>
public static class VectorClusterValidator
{
    /// <summary>Flags the operator sets on the node itself; extraArgs may not repeat them.</summary>
    public static readonly IReadOnlyList<string> OwnedNodeFlags =
        ["--data-dir", "--bind", "--grpc-port", "--http-port", "--node-id"];

    /// <summary>Environment variables the operator sets on the node; extraEnv may not repeat them.</summary>
    public static readonly IReadOnlyList<string> OwnedNodeEnv =
        ["POD_NAME", "POD_NAMESPACE", "VECTORSTUDIO_AUTH_TOKEN"];

    public static IReadOnlyList<string> Validate(V1Alpha1VectorCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var errors = new List<string>();
        var spec = VectorClusterDefaults.ApplyDefaults(cluster.Spec);
        CheckName(cluster.Metadata.Name ?? "", spec.Shards!.Value, errors);
        if (spec.Replication!.Mode == ReplicationMode.SemiSync && spec.Replication.MinReplicas >= spec.ReplicasPerShard)
        {
            errors.Add($"spec.replication.minReplicas is {spec.Replication.MinReplicas} but replicasPerShard is "
                + $"{spec.ReplicasPerShard}: minReplicas counts replicas besides the primary, so lower it to at most "
                + $"{spec.ReplicasPerShard - 1} or raise replicasPerShard");
        }

        CheckNode(spec.Node!, errors);
        if (spec.Embedder is { } embedder)
        {
            CheckEmbedder(embedder, errors);
        }

        return errors;
    }

    private static void CheckName(string name, int shards, List<string> errors)
    {
        var longest = VectorClusterNames.ShardStatefulSet(name, shards - 1);
        if (longest.Length > VectorClusterNames.MaxStatefulSetNameLength)
        {
            var allowed = name.Length - (longest.Length - VectorClusterNames.MaxStatefulSetNameLength);
            errors.Add($"metadata.name '{name}' is too long for {shards} shard(s): StatefulSet '{longest}' has "
                + $"{longest.Length} characters and Kubernetes allows {VectorClusterNames.MaxStatefulSetNameLength} "
                + $"(it appends a revision hash to pod labels); use a name of at most {allowed} characters");
        }
    }

    private static void CheckNode(NodeSpec node, List<string> errors)
    {
        if (node.GrpcPort == node.HttpPort)
        {
            errors.Add($"spec.node.grpcPort and spec.node.httpPort are both {node.GrpcPort}: gRPC (HTTP/2) and "
                + "HTTP/1.1 cannot share a port; choose two different ports");
        }

        if (!Quantity.TryParse(node.Storage!.Size, out var size) || size <= 0)
        {
            errors.Add($"spec.node.storage.size '{node.Storage.Size}' is not a positive quantity; use e.g. 10Gi");
        }

        CheckResources("spec.node.resources", node.Resources, errors);
        foreach (var arg in node.ExtraArgs ?? [])
        {
            var flag = arg.Split('=', 2)[0];
            if (OwnedNodeFlags.Contains(flag, StringComparer.Ordinal))
            {
                errors.Add($"spec.node.extraArgs sets {flag}, which the operator owns; remove it "
                    + "(ports are spec.node.grpcPort and spec.node.httpPort)");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var env in node.ExtraEnv ?? [])
        {
            if (OwnedNodeEnv.Contains(env.Name, StringComparer.Ordinal))
            {
                errors.Add($"spec.node.extraEnv sets {env.Name}, which the operator owns; remove it");
            }
            else if (!seen.Add(env.Name))
            {
                errors.Add($"spec.node.extraEnv names {env.Name} twice; keep one entry");
            }
        }
    }

    private static void CheckEmbedder(EmbedderSpec embedder, List<string> errors)
    {
        var hasVolume = embedder.Model?.Volume is not null;
        var hasUri = !string.IsNullOrEmpty(embedder.Model?.Uri);
        if (hasVolume == hasUri)
        {
            errors.Add("spec.embedder.model needs exactly one of volume (claimName and path of a "
                + "PersistentVolumeClaim holding the model) or uri");
        }

        if (embedder.Resources?.Limits?.ContainsKey(GpuResource) == true
            || embedder.Resources?.Requests?.ContainsKey(GpuResource) == true)
        {
            errors.Add(embedder.Device == EmbedderDevice.Cuda
                ? $"spec.embedder.resources names {GpuResource}; remove it and set spec.embedder.gpus instead"
                : $"spec.embedder.resources asks for {GpuResource} but device is cpu; remove it or set device: cuda");
        }

        CheckResources("spec.embedder.resources", embedder.Resources, errors);
    }

    /// <summary>The extended resource of NVIDIA's device plugin.</summary>
    public const string GpuResource = "nvidia.com/gpu";

    private static void CheckResources(string field, ResourceRequirements? resources, List<string> errors)
    {
        var parsed = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (kind, map) in new[] { ("limits", resources?.Limits), ("requests", resources?.Requests) })
        {
            foreach (var (name, text) in map ?? [])
            {
                if (!Quantity.TryParse(text, out var value) || value < 0)
                {
                    errors.Add($"{field}.{kind}.{name} '{text}' is not a quantity; use e.g. 500m, 2 or 4Gi");
                }
                else if (kind == "limits")
                {
                    parsed[name] = value;
                }
                else if (parsed.TryGetValue(name, out var limit) && value > limit)
                {
                    errors.Add($"{field}.requests.{name} ({text}) is above its limit ({resources!.Limits![name]}); "
                        + "lower the request or raise the limit");
                }
            }
        }
    }
}
