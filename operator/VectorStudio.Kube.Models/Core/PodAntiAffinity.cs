// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Pod anti-affinity rules: schedule away from matching pods.</summary>
public sealed class PodAntiAffinity
{
    [Description("Hard rules: never share a topology domain with a matching pod.")]
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    [Description("Soft rules with weights: avoid sharing a topology domain with a matching pod when possible.")]
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}
