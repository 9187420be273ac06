// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Node affinity rules.</summary>
public sealed class NodeAffinity
{
    [Description("Hard rule: the pod is only scheduled onto nodes matching one of these terms.")]
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    [Description("Soft rules: nodes matching a term score its weight.")]
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}
