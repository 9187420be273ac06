// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace VectorStudio.Rpc.Server;

/// <summary>Kestrel endpoints fit for gRPC.</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens for gRPC on <paramref name="endpoint"/>: HTTP/2 only, cleartext with prior knowledge
    /// (h2c) or, with a certificate, TLS negotiating "h2" by ALPN. Cleartext HTTP/1.1 and h2c cannot
    /// share a port, so an application that also serves HTTP/1.1 listens for it on another port.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(
        this KestrelServerOptions kestrel,
        IPEndPoint endpoint,
        X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        });
        return kestrel;
    }
}
