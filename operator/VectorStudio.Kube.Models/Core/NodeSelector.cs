// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>A list of node selector terms, ORed.</summary>
public sealed class NodeSelector
{
    [Description("Terms; a node matching any term matches.")]
    public List<NodeSelectorTerm> NodeSelectorTerms { get; set; } = [];
}
