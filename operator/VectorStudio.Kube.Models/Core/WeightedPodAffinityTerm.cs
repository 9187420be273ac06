// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>A pod affinity term with a weight.</summary>
public sealed class WeightedPodAffinityTerm
{
    [Description("Weight 1..100.")]
    public int Weight { get; set; }

    [Description("The pod affinity term.")]
    public PodAffinityTerm PodAffinityTerm { get; set; } = new();
}
