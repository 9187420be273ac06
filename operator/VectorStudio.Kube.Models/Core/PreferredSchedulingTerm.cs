// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>A weighted node selector term.</summary>
public sealed class PreferredSchedulingTerm
{
    [Description("Weight 1..100 added to a matching node's score.")]
    public int Weight { get; set; }

    [Description("The node selector term.")]
    public NodeSelectorTerm Preference { get; set; } = new();
}
