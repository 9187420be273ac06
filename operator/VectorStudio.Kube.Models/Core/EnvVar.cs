// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>An environment variable of a container.</summary>
public sealed class EnvVar
{
    [Description("Variable name.")]
    public string Name { get; set; } = "";

    [Description("Literal value; $(VAR) references to earlier variables are expanded.")]
    public string? Value { get; set; }

    [Description("Take the value from a field of the pod, a Secret or a ConfigMap instead.")]
    public EnvVarSource? ValueFrom { get; set; }
}
