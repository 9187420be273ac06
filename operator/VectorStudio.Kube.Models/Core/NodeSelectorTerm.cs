// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>Node requirements, ANDed.</summary>
public sealed class NodeSelectorTerm
{
    [Description("Requirements on node labels.")]
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }

    [Description("Requirements on node fields (metadata.name).")]
    public List<NodeSelectorRequirement>? MatchFields { get; set; }
}
