// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Core;

/// <summary>The pod fields the operator sets or reads.</summary>
public sealed class PodSpec
{
    public List<Container> Containers { get; set; } = [];

    public List<Volume>? Volumes { get; set; }

    public string? ServiceAccountName { get; set; }

    public bool? AutomountServiceAccountToken { get; set; }

    public Dictionary<string, string>? NodeSelector { get; set; }

    public List<Toleration>? Tolerations { get; set; }

    public Affinity? Affinity { get; set; }

    public PodSecurityContext? SecurityContext { get; set; }

    public long? TerminationGracePeriodSeconds { get; set; }

    /// <summary>Set on observed pods: the node the pod runs on.</summary>
    public string? NodeName { get; set; }

    public bool? EnableServiceLinks { get; set; }
}
