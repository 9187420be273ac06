// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using VectorStudio.Kube.Configuration;

namespace VectorStudio.Kube.Tests.RealCluster;

/// <summary>
/// A fact that runs only against a reachable real cluster: a kubeconfig (KUBECONFIG or
/// ~/.kube/config) whose current context's server accepts a TCP connection within 3 s. Otherwise
/// the test is reported as skipped, with the reason (no kubeconfig, unusable kubeconfig, or
/// unreachable server).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KubernetesFactAttribute : FactAttribute
{
    private static readonly Lazy<(KubeClientSettings? Settings, string? Why)> Cluster = new(Probe);

    public KubernetesFactAttribute()
    {
        if (Cluster.Value.Why is { } why)
        {
            Skip = $"needs a real Kubernetes cluster: {why}";
        }
    }

    /// <summary>The cluster's settings; only valid inside a test this attribute did not skip.</summary>
    public static KubeClientSettings Settings => Cluster.Value.Settings!;

    [SuppressMessage("Usage", "VSTHRD002", Justification = "Attribute constructors are synchronous; discovery has no synchronisation context.")]
    private static (KubeClientSettings?, string?) Probe()
    {
        var paths = KubeConfigLoader.DefaultPaths();
        if (paths.Count == 0)
        {
            return (null, "KUBECONFIG is not set and ~/.kube/config does not exist");
        }

        KubeClientSettings settings;
        try
        {
            settings = KubeConfigLoader.Load(paths);
        }
        catch (KubeConfigException ex)
        {
            return (null, ex.Message);
        }

        try
        {
            using var tcp = new TcpClient();
            if (!tcp.ConnectAsync(settings.Server.Host, settings.Server.Port).Wait(TimeSpan.FromSeconds(3)))
            {
                return (null, $"{settings.Server} did not accept a connection within 3 s");
            }
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException se)
        {
            return (null, $"{settings.Server} is not reachable: {se.Message}");
        }

        return (settings, null);
    }
}
