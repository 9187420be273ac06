// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Apps;
using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// What the controller read before planning, as one immutable value: the cluster's owned
/// StatefulSets, their pods, the embedder Deployment, whether the generated auth Secret exists, and
/// what each node last reported about itself.
/// </summary>
public sealed record ObservedCluster
{
    public static ObservedCluster Empty { get; } = new();

    public IReadOnlyList<StatefulSet> StatefulSets { get; init; } = [];

    public IReadOnlyList<Pod> Pods { get; init; } = [];

    public Deployment? Embedder { get; init; }

    /// <summary>
    /// The Secret <c>&lt;cluster&gt;-auth</c> exists, so it is not planned again (its token must not change).
    /// </summary>
    public bool GeneratedAuthSecretExists { get; init; }

    public IReadOnlyList<NodeReport> NodeReports { get; init; } = [];
}
