// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Apps;

/// <summary>Rolling update parameters of a StatefulSet.</summary>
public sealed class RollingUpdateStatefulSetStrategy
{
    /// <summary>Pods with an ordinal at or above this are updated; lower ones keep the old revision.</summary>
    public int? Partition { get; set; }

    public int? MaxUnavailable { get; set; }
}
