// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>The seccomp profile of a container or pod.</summary>
public sealed class SeccompProfile
{
    /// <summary><c>RuntimeDefault</c>, <c>Localhost</c> or <c>Unconfined</c>.</summary>
    public string Type { get; set; } = "";

    public string? LocalhostProfile { get; set; }
}
