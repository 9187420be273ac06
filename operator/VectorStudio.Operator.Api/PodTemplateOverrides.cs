// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Operator.Api;

/// <summary>Scheduling overrides applied to every pod of the cluster.</summary>
public sealed class PodTemplateOverrides
{
    [Description("Node labels a pod's node must carry.")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [Description("Taints the pods tolerate.")]
    [MaxLength(32)]
    public List<Toleration>? Tolerations { get; set; }

    [Description("Node affinity, pod affinity and pod anti-affinity. A podAntiAffinity given here replaces "
        + "the operator's spreading of a shard's replicas (antiAffinity).")]
    public Affinity? Affinity { get; set; }

    [Description("How a shard's replicas are spread over nodes: preferred (default), required or none.")]
    public AntiAffinityMode? AntiAffinity { get; set; }
}
