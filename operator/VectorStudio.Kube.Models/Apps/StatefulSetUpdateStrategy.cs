// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Apps;

/// <summary>How a StatefulSet replaces pods after a template change.</summary>
public sealed class StatefulSetUpdateStrategy
{
    /// <summary><c>RollingUpdate</c> (default) or <c>OnDelete</c>.</summary>
    public string? Type { get; set; }

    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}
