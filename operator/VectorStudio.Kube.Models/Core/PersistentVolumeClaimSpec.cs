// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Storage a claim asks for.</summary>
public sealed class PersistentVolumeClaimSpec
{
    /// <summary><c>ReadWriteOnce</c>, <c>ReadOnlyMany</c>, <c>ReadWriteMany</c>, <c>ReadWriteOncePod</c>.</summary>
    public List<string> AccessModes { get; set; } = [];

    /// <summary>Storage class; unset uses the cluster's default class.</summary>
    public string? StorageClassName { get; set; }

    /// <summary>Requests (<c>storage</c>) for the volume; the same shape as a container's resources.</summary>
    public ResourceRequirements Resources { get; set; } = new();

    /// <summary><c>Filesystem</c> (default) or <c>Block</c>.</summary>
    public string? VolumeMode { get; set; }
}
