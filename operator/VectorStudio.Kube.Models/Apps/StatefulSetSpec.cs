// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Kube.Models.Apps;

/// <summary>The StatefulSet fields the operator sets.</summary>
public sealed class StatefulSetSpec
{
    public int? Replicas { get; set; }

    public string? ServiceName { get; set; }

    public LabelSelector Selector { get; set; } = new();

    public PodTemplateSpec Template { get; set; } = new();

    public List<PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }

    /// <summary><c>OrderedReady</c> (default) or <c>Parallel</c>.</summary>
    public string? PodManagementPolicy { get; set; }

    public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }

    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }

    public int? MinReadySeconds { get; set; }

    public int? RevisionHistoryLimit { get; set; }
}
