// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Rbac;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Rbac;

/// <summary>
/// The least privilege the operator's controllers need, declared next to them and rendered into
/// the Helm chart (<c>charts/vector-studio/files/rbac/</c>) by <c>vector-studio-operator generate</c>.
/// <see cref="Rules"/> go into a ClusterRole (cluster-wide mode) or a Role per watched namespace;
/// <see cref="LeaderElectionRules"/> into a Role in the operator's own namespace.
/// </summary>
public static class OperatorRbac
{
    private static readonly List<string> ReadOnly = ["get", "list", "watch"];
    private static readonly List<string> Manage = ["get", "list", "watch", "create", "update", "patch", "delete"];

    public static IReadOnlyList<PolicyRule> Rules { get; } =
    [
        // Observe the resource; write only its status (the spec belongs to the user).
        Rule(V1Alpha1VectorCluster.Group, [V1Alpha1VectorCluster.Plural], ReadOnly),
        Rule(V1Alpha1VectorCluster.Group, [V1Alpha1VectorCluster.Plural + "/status"], ["get", "update", "patch"]),

        // Owned workloads, applied with server-side apply (patch); delete is for shards removed after a
        // rebalance and for the embedder when the spec drops it.
        Rule("apps", ["statefulsets", "deployments"], Manage),
        Rule("", ["services", "configmaps"], Manage),
        Rule("policy", ["poddisruptionbudgets"], Manage),

        // Secrets: only whether '<cluster>-auth' exists (get) and creating it; never list or watch,
        // so the operator cannot read Secrets it did not ask for by name.
        Rule("", ["secrets"], ["get", "create"]),

        // Pod readiness and role labels feed status and, later, failover.
        Rule("", ["pods"], ReadOnly),

        // Events on the VectorCluster (both the core and the events.k8s.io API).
        Rule("", ["events"], ["create", "patch"]),
        Rule("events.k8s.io", ["events"], ["create", "patch"]),
    ];

    /// <summary>The Lease two operator replicas use so that only one reconciles.</summary>
    public static IReadOnlyList<PolicyRule> LeaderElectionRules { get; } =
    [
        Rule("coordination.k8s.io", ["leases"], ["get", "create", "update"]),
    ];

    private static PolicyRule Rule(string group, List<string> resources, List<string> verbs)
        => new() { ApiGroups = [group], Resources = resources, Verbs = verbs };
}
