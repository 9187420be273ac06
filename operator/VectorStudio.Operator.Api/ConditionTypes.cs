// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Api;

/// <summary>Condition types of a VectorCluster.</summary>
public static class ConditionTypes
{
    /// <summary>Every shard replica and the embedder are ready and up to date.</summary>
    public const string Ready = "Ready";

    /// <summary>The operator is creating, scaling or rolling out workloads.</summary>
    public const string Progressing = "Progressing";

    /// <summary>Fewer ready replicas than asked for, or a shard without any.</summary>
    public const string Degraded = "Degraded";

    /// <summary>Data is moving between shards. Set by the rebalance controller, not by status computation.</summary>
    public const string Rebalancing = "Rebalancing";
}
