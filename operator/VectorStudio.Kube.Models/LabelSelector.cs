// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models;

/// <summary><c>metav1.LabelSelector</c>: matchLabels and matchExpressions, ANDed.</summary>
public sealed class LabelSelector
{
    [Description("Labels a selected object must carry, all of them.")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [Description("Label requirements a selected object must meet, all of them.")]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
