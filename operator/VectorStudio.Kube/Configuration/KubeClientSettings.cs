// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VectorStudio.Kube.Configuration;

/// <summary>
/// Everything the client needs to reach and authenticate to one API server, whichever way it was
/// configured (<see cref="KubeConfigLoader"/>, <see cref="InClusterConfig"/>, or by hand in tests).
/// </summary>
public sealed class KubeClientSettings
{
    /// <summary>The API server, e.g. <c>https://10.0.0.1:443</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The namespace requests default to (kubeconfig context or service-account namespace).</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Roots that sign the server's certificate; empty means the system trust store.</summary>
    public X509Certificate2Collection CertificateAuthorities { get; init; } = [];

    /// <summary>A client certificate with its private key (mutual TLS), or null.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Bearer token source, or null when the client authenticates by certificate only.</summary>
    public ITokenSource? Token { get; init; }

    /// <summary>Accept any server certificate (kubeconfig <c>insecure-skip-tls-verify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Where the settings came from, for error messages (a file path, or "in-cluster").</summary>
    public string Source { get; init; } = "settings";

    /// <summary>Limit for one non-watch request (connect included).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An HTTP handler that verifies the server against <see cref="CertificateAuthorities"/> and presents the client certificate.</summary>
    [SuppressMessage("Security", "CA5359", Justification = "Only when the kubeconfig asks for insecure-skip-tls-verify.")]
    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // A watch abandoned mid-stream never ends: close its connection instead of draining it.
            MaxResponseDrainSize = 0,
        };
        if (ClientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [ClientCertificate];
        }

        if (InsecureSkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = AcceptAny;
        }
        else if (CertificateAuthorities.Count > 0)
        {
            var roots = CertificateAuthorities;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                ValidateAgainst(roots, cert as X509Certificate2, errors);
        }

        return handler;
    }

    private static bool AcceptAny(object sender, X509Certificate? cert, X509Chain? chain, SslPolicyErrors errors) => true;

    private static bool ValidateAgainst(X509Certificate2Collection roots, X509Certificate2? cert, SslPolicyErrors errors)
    {
        if (cert is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(cert);
    }
}
