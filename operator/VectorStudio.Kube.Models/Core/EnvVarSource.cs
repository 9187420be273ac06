// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Where an environment variable's value comes from.</summary>
public sealed class EnvVarSource
{
    [Description("A field of the pod, e.g. metadata.name.")]
    public ObjectFieldSelector? FieldRef { get; set; }

    [Description("A key of a Secret.")]
    public KeySelector? SecretKeyRef { get; set; }

    [Description("A key of a ConfigMap.")]
    public KeySelector? ConfigMapKeyRef { get; set; }
}
