// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Mount a Secret's keys as files.</summary>
public sealed class SecretVolumeSource
{
    public string SecretName { get; set; } = "";

    public int? DefaultMode { get; set; }

    public bool? Optional { get; set; }
}
