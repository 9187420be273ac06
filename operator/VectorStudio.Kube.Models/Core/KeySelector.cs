// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Selects one key of a Secret or ConfigMap.</summary>
public sealed class KeySelector
{
    [Description("Name of the Secret or ConfigMap.")]
    public string Name { get; set; } = "";

    [Description("The key.")]
    public string Key { get; set; } = "";

    [Description("Start the container even when the object or key is missing.")]
    public bool? Optional { get; set; }
}
