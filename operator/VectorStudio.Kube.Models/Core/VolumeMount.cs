// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Where a volume appears in a container.</summary>
public sealed class VolumeMount
{
    public string Name { get; set; } = "";

    public string MountPath { get; set; } = "";

    public string? SubPath { get; set; }

    public bool? ReadOnly { get; set; }
}
