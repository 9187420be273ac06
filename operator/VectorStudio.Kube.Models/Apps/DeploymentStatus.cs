// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Apps;

/// <summary>Observed state of a Deployment.</summary>
public sealed class DeploymentStatus
{
    public long? ObservedGeneration { get; set; }

    public int? Replicas { get; set; }

    public int? ReadyReplicas { get; set; }

    public int? UpdatedReplicas { get; set; }

    public int? AvailableReplicas { get; set; }
}
