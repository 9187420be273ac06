// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api;

/// <summary>One condition (the shape of <c>metav1.Condition</c>).</summary>
public sealed class ClusterCondition
{
    [Description("Ready, Progressing, Degraded or Rebalancing.")]
    [Required]
    public string Type { get; set; } = "";

    [Description("True, False or Unknown.")]
    [Required]
    public ConditionStatus Status { get; set; }

    [Description("CamelCase reason of the last transition.")]
    public string? Reason { get; set; }

    [Description("Human-readable detail: what is wrong and what to change.")]
    public string? Message { get; set; }

    [Description("When the status last changed.")]
    [SchemaFormat("date-time")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [Description("The metadata.generation the condition was computed from.")]
    public long? ObservedGeneration { get; set; }
}
