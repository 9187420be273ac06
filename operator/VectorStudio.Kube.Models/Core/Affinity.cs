// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Scheduling constraints: node affinity, pod affinity, pod anti-affinity.</summary>
public sealed class Affinity
{
    [Description("Rules about which nodes the pod may run on.")]
    public NodeAffinity? NodeAffinity { get; set; }

    [Description("Rules that co-locate the pod with other pods.")]
    public PodAffinity? PodAffinity { get; set; }

    [Description("Rules that keep the pod away from other pods; when set, it replaces the operator's "
        + "spreading of a shard's replicas.")]
    public PodAntiAffinity? PodAntiAffinity { get; set; }
}
