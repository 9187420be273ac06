// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// The planner's answer. Apply runs <see cref="Objects"/> in order (server-side apply: it creates or
/// updates), creates <see cref="CreateOnly"/> objects only when absent, and deletes nothing. When
/// the spec is invalid both lists are empty and <see cref="HoldExisting"/> tells Apply to leave every
/// existing object as it is: an invalid edit never tears a running cluster down.
/// </summary>
public sealed record DesiredCluster
{
    public IReadOnlyList<string> ValidationErrors { get; init; } = [];

    public bool HoldExisting => ValidationErrors.Count > 0;

    /// <summary>Objects to apply, dependencies first (ConfigMap and Services before StatefulSets).</summary>
    public IReadOnlyList<IKubernetesObject> Objects { get; init; } = [];

    /// <summary>Objects to create when absent and never update (the generated auth Secret).</summary>
    public IReadOnlyList<IKubernetesObject> CreateOnly { get; init; } = [];

    /// <summary>
    /// Shard StatefulSets above the spec's shard count. They still hold data, so they are kept (not
    /// deleted, not changed) until the rebalance controller has moved it.
    /// </summary>
    public IReadOnlyList<string> RetainedShards { get; init; } = [];
}
