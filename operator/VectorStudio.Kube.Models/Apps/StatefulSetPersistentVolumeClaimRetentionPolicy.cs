// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Apps;

/// <summary>What happens to the claims of a StatefulSet's volumeClaimTemplates.</summary>
public sealed class StatefulSetPersistentVolumeClaimRetentionPolicy
{
    /// <summary><c>Retain</c> or <c>Delete</c> when the StatefulSet is deleted.</summary>
    public string? WhenDeleted { get; set; }

    /// <summary><c>Retain</c> or <c>Delete</c> when the StatefulSet is scaled down.</summary>
    public string? WhenScaled { get; set; }
}
