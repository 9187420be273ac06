// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models.Core;

/// <summary>One node requirement: key, operator, values.</summary>
public sealed class NodeSelectorRequirement
{
    [Description("The label or field key.")]
    public string Key { get; set; } = "";

    [Description("In, NotIn, Exists, DoesNotExist, Gt or Lt.")]
    public string Operator { get; set; } = "";

    [Description("Values for the operator; one integer for Gt and Lt.")]
    public List<string>? Values { get; set; }
}
