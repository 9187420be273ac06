// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>A named volume of a pod: exactly one source.</summary>
public sealed class Volume
{
    public string Name { get; set; } = "";

    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    public ConfigMapVolumeSource? ConfigMap { get; set; }

    public SecretVolumeSource? Secret { get; set; }

    public EmptyDirVolumeSource? EmptyDir { get; set; }
}
