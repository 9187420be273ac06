// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models;

/// <summary><c>metav1.OwnerReference</c>: ties an owned object to its owner for garbage collection.</summary>
public sealed class OwnerReference
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    public string Uid { get; set; } = "";

    public bool? Controller { get; set; }

    public bool? BlockOwnerDeletion { get; set; }
}
