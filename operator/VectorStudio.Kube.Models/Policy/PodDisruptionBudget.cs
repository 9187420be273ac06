// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Policy;

/// <summary><c>policy/v1 PodDisruptionBudget</c>: limits voluntary evictions (one per shard).</summary>
public sealed class PodDisruptionBudget : IKubernetesObject
{
    public string ApiVersion { get; set; } = "policy/v1";

    public string Kind { get; set; } = "PodDisruptionBudget";

    public ObjectMeta Metadata { get; set; } = new();

    public PodDisruptionBudgetSpec? Spec { get; set; }
}
