// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VectorStudio.Kube.Configuration;

/// <summary>
/// In-cluster service-account configuration: the API server from <c>KUBERNETES_SERVICE_HOST</c> /
/// <c>KUBERNETES_SERVICE_PORT</c>, and <c>token</c>, <c>ca.crt</c> and <c>namespace</c> from the
/// mounted service-account directory. The token is re-read as the kubelet rotates it
/// (<see cref="FileTokenSource"/>).
/// </summary>
public static class InClusterConfig
{
    /// <summary>Where the kubelet mounts the service account.</summary>
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Whether the environment looks like a pod with a service account.</summary>
    public static bool IsAvailable(Func<string, string?>? environment = null, string directory = DefaultDirectory)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))
            && File.Exists(Path.Combine(directory, "token"));
    }

    /// <summary>Reads the configuration; <paramref name="environment"/> and <paramref name="directory"/> are for tests.</summary>
    public static KubeClientSettings Load(
        Func<string, string?>? environment = null, string directory = DefaultDirectory, TimeProvider? time = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException(
                "in-cluster configuration needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT "
                + "(set by Kubernetes in every pod); outside a cluster, use a kubeconfig");
        }

        var tokenPath = Path.Combine(directory, "token");
        if (!File.Exists(tokenPath))
        {
            throw new KubeConfigException($"in-cluster configuration: service-account token {tokenPath} does not exist");
        }

        var caPath = Path.Combine(directory, "ca.crt");
        var cas = new X509Certificate2Collection();
        if (File.Exists(caPath))
        {
            try
            {
                cas.ImportFromPemFile(caPath);
            }
            catch (CryptographicException ex)
            {
                throw new KubeConfigException($"in-cluster configuration: {caPath} is not a PEM certificate: {ex.Message}", ex);
            }
        }

        var nsPath = Path.Combine(directory, "namespace");
        var ns = File.Exists(nsPath) ? File.ReadAllText(nsPath).Trim() : "default";

        // An IPv6 service host needs brackets in a URL.
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new KubeClientSettings
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            Namespace = ns.Length == 0 ? "default" : ns,
            CertificateAuthorities = cas,
            Token = new FileTokenSource(tokenPath, time),
            Source = $"in-cluster service account ({directory})",
        };
    }
}
