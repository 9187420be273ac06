// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VectorStudio.Rpc.Client;

/// <summary>The channel's HTTP/2 connection settings.</summary>
public sealed partial class GrpcChannel
{
    private static SocketsHttpHandler CreateHandler(Uri address, GrpcChannelOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // A connection carries at most the server's MAX_CONCURRENT_STREAMS calls; beyond that the
            // handler opens another connection instead of queueing calls behind the limit.
            EnableMultipleHttp2Connections = true,
            // Channels are long-lived and connections are cheap to keep; reconnecting costs a handshake.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseCookies = false,
            // gRPC targets are cluster-internal; an HTTP proxy from the environment would break h2c.
            UseProxy = false,
        };

        if (address.Scheme == Uri.UriSchemeHttps)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = options.ClientCertificates,
                RemoteCertificateValidationCallback = options.ServerCertificateValidation
                    ?? (options.TrustedCertificateAuthority is { } ca ? TrustOnly(ca) : null),
            };
        }

        return handler;
    }

    /// <summary>Accepts server certificates that chain to <paramref name="authority"/> and match the host.</summary>
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 authority) =>
        (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = new X509Certificate2(certificate);
            return chain.Build(leaf);
        };
}
