// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models;

/// <summary>
/// <c>metav1.ObjectMeta</c>: the fields this project reads or writes. Unknown fields are dropped on
/// read, which is safe because writes go through server-side apply or merge patches that only name
/// the fields we own.
/// </summary>
public sealed class ObjectMeta
{
    public string? Name { get; set; }

    public string? GenerateName { get; set; }

    public string? Namespace { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public long? Generation { get; set; }

    public DateTimeOffset? CreationTimestamp { get; set; }

    public DateTimeOffset? DeletionTimestamp { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    public List<OwnerReference>? OwnerReferences { get; set; }

    public List<string>? Finalizers { get; set; }
}
