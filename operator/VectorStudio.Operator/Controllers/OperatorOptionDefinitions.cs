// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Hosting;

namespace VectorStudio.Operator.Controllers;

/// <summary>
/// Every setting of <c>vector-studio-operator run</c>, in one table (flags, VECTORSTUDIO_* environment
/// variables, or a JSON config file): defaults live here and nowhere else. docs/operator.md lists them.
/// </summary>
public static class OperatorOptionDefinitions
{
    public const string Kubeconfig = "kubeconfig";
    public const string Context = "context";
    public const string AllNamespaces = "all-namespaces";
    public const string Namespaces = "namespace";
    public const string LeaderElect = "leader-elect";
    public const string LeaseName = "lease-name";
    public const string LeaseNamespace = "lease-namespace";
    public const string LeaseDuration = "lease-duration-seconds";
    public const string RenewDeadline = "renew-deadline-seconds";
    public const string RetryPeriod = "retry-period-seconds";
    public const string Identity = "identity";
    public const string Workers = "workers";
    public const string HttpPort = "http-port";
    public const string Bind = "bind";
    public const string LogLevel = "log-level";

    public static readonly IReadOnlyList<OptionDefinition> All =
    [
        new(Kubeconfig, OptionKind.Path, null,
            "kubeconfig file; unset: in-cluster service account when present, else KUBECONFIG, else ~/.kube/config."),
        new(Context, OptionKind.Text, null, "kubeconfig context to use; unset: its current-context."),
        new(AllNamespaces, OptionKind.Boolean, "false", "Watch and manage VectorClusters in every namespace (needs the ClusterRole)."),
        new(Namespaces, OptionKind.Text, null,
            "Comma-separated namespaces to watch (a Role in each); unset: the pod's namespace, else the kubeconfig context's."),
        new(LeaderElect, OptionKind.Boolean, "true", "Reconcile only while holding the leader Lease (run 2 replicas)."),
        new(LeaseName, OptionKind.Text, "vector-studio-operator", "Name of the leader election Lease."),
        new(LeaseNamespace, OptionKind.Text, null,
            "Namespace of the Lease; unset: the pod's namespace (in-cluster), else the kubeconfig context's."),
        new(LeaseDuration, OptionKind.Number, "15", "Seconds a standby waits after the last renewal before taking over.", Min: 2, Max: 300),
        new(RenewDeadline, OptionKind.Number, "10", "Seconds the leader keeps trying to renew before it stops acting.", Min: 1, Max: 300),
        new(RetryPeriod, OptionKind.Number, "2", "Seconds between lease attempts (renewals and campaigns).", Min: 1, Max: 60),
        new(Identity, OptionKind.Text, null, "This replica's name in the Lease and in Events; unset: POD_NAME, else the host name."),
        new(Workers, OptionKind.Number, "2", "Reconciles running at once (one per VectorCluster at most).", Min: 1, Max: 64),
        new(HttpPort, OptionKind.Number, "8080", "Port of /metrics, /healthz and /readyz; 0 picks a free port.", Min: 0, Max: 65535),
        new(Bind, OptionKind.Text, "0.0.0.0", "Address the HTTP port listens on."),
        new(LogLevel, OptionKind.Choice, "Information", "Least severe log level written.",
            Choices: ["Trace", "Debug", "Information", "Warning", "Error"]),
    ];
}
