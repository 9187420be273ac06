// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Api;

/// <summary>Helpers over VectorCluster values: copies, owner references.</summary>
public static class VectorClusterFuncs
{
    /// <summary>A deep copy through the one JSON shape, so a copy never shares lists with its source.</summary>
    public static T DeepCopy<T>(T value)
        where T : class
        => JsonSerializer.Deserialize<T>(
            JsonSerializer.SerializeToUtf8Bytes(value, KubeJson.Options), KubeJson.Options)!;

    /// <summary>The controller owner reference every object the operator creates carries.</summary>
    public static OwnerReference ControllerReference(this V1Alpha1VectorCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new OwnerReference
        {
            ApiVersion = V1Alpha1VectorCluster.GroupVersion,
            Kind = V1Alpha1VectorCluster.KindName,
            Name = cluster.Metadata.Name ?? "",
            Uid = cluster.Metadata.Uid ?? "",
            Controller = true,
            BlockOwnerDeletion = true,
        };
    }
}
