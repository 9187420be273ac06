// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Mount a ConfigMap's keys as files.</summary>
public sealed class ConfigMapVolumeSource
{
    public string Name { get; set; } = "";

    public bool? Optional { get; set; }
}
