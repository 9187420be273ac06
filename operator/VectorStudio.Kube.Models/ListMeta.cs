// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models;

/// <summary><c>metav1.ListMeta</c>: the collection's resourceVersion (where a watch resumes) and paging.</summary>
public sealed class ListMeta
{
    public string? ResourceVersion { get; set; }

    public string? Continue { get; set; }

    public long? RemainingItemCount { get; set; }
}
