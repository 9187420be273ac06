// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Selects a field of the pod.</summary>
public sealed class ObjectFieldSelector
{
    [Description("Path of the field, e.g. metadata.name or status.podIP.")]
    public string FieldPath { get; set; } = "";
}
