// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Pods (by label selector) and the topology domain the rule is about.</summary>
public sealed class PodAffinityTerm
{
    [Description("Selects the pods the rule is about.")]
    public LabelSelector? LabelSelector { get; set; }

    [Description("Namespaces the selector applies to; empty means the pod's own namespace.")]
    public List<string>? Namespaces { get; set; }

    [Description("Node label whose value defines a domain, "
        + "e.g. kubernetes.io/hostname or topology.kubernetes.io/zone.")]
    public string TopologyKey { get; set; } = "";
}
