// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Controllers;

/// <summary>The API resources the controller reads and writes, and the one field manager it applies with.</summary>
public static class OwnedKinds
{
    /// <summary>Server-side apply field manager: the operator owns exactly the fields it sets.</summary>
    public const string FieldManager = "vector-studio-operator";

    public static ResourceType VectorCluster { get; } = new(V1Alpha1VectorCluster.Group, V1Alpha1VectorCluster.Version,
        V1Alpha1VectorCluster.Plural, V1Alpha1VectorCluster.KindName, true);

    public static ResourceType StatefulSet { get; } = new("apps", "v1", "statefulsets", "StatefulSet", true);

    public static ResourceType Deployment { get; } = new("apps", "v1", "deployments", "Deployment", true);

    public static ResourceType Service { get; } = new("", "v1", "services", "Service", true);

    public static ResourceType ConfigMap { get; } = new("", "v1", "configmaps", "ConfigMap", true);

    public static ResourceType Secret { get; } = new("", "v1", "secrets", "Secret", true);

    public static ResourceType PodDisruptionBudget { get; } = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true);

    public static ResourceType Pod { get; } = new("", "v1", "pods", "Pod", true);

    /// <summary>The resource of a planned object, by its kind.</summary>
    public static ResourceType Of(IKubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Kind switch
        {
            "StatefulSet" => StatefulSet,
            "Deployment" => Deployment,
            "Service" => Service,
            "ConfigMap" => ConfigMap,
            "Secret" => Secret,
            "PodDisruptionBudget" => PodDisruptionBudget,
            _ => throw new ArgumentException($"the operator does not manage objects of kind '{obj.Kind}'", nameof(obj)),
        };
    }
}
