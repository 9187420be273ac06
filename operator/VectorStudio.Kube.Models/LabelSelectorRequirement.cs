// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Kube.Models;

/// <summary>One label requirement: key, operator, values.</summary>
public sealed class LabelSelectorRequirement
{
    [Description("The label key the requirement applies to.")]
    public string Key { get; set; } = "";

    [Description("In, NotIn, Exists or DoesNotExist.")]
    public string Operator { get; set; } = "";

    [Description("Values for In and NotIn; empty for Exists and DoesNotExist.")]
    public List<string>? Values { get; set; }
}
