// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Scratch space that lives as long as the pod.</summary>
public sealed class EmptyDirVolumeSource
{
    /// <summary><c>Memory</c> for tmpfs; empty for node disk.</summary>
    public string? Medium { get; set; }

    public string? SizeLimit { get; set; }
}
