// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;

namespace VectorStudio.Operator.Api;

/// <summary>The per-shard PodDisruptionBudget.</summary>
public sealed class DisruptionBudgetSpec
{
    [Description("Create one PodDisruptionBudget per shard with maxUnavailable 1.")]
    public bool? Enabled { get; set; }
}
