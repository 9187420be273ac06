// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>Pod-level security settings.</summary>
public sealed class PodSecurityContext
{
    public bool? RunAsNonRoot { get; set; }

    public long? RunAsUser { get; set; }

    public long? RunAsGroup { get; set; }

    /// <summary>Group that owns mounted volumes, so a non-root process can write its data directory.</summary>
    public long? FsGroup { get; set; }

    /// <summary>
    /// <c>OnRootMismatch</c> skips the recursive chown of large volumes that already have the right owner.
    /// </summary>
    public string? FsGroupChangePolicy { get; set; }

    public SeccompProfile? SeccompProfile { get; set; }
}
