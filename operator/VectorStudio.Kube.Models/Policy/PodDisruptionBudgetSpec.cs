// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Policy;

/// <summary>How many selected pods a voluntary disruption may take down.</summary>
public sealed class PodDisruptionBudgetSpec
{
    public LabelSelector Selector { get; set; } = new();

    public int? MaxUnavailable { get; set; }

    public int? MinAvailable { get; set; }
}
