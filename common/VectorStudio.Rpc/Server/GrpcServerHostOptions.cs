// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace VectorStudio.Rpc.Server;

/// <summary>Where and how <see cref="GrpcServerHost"/> listens.</summary>
public sealed class GrpcServerHostOptions
{
    /// <summary>The address to bind; default all IPv4 interfaces.</summary>
    public IPAddress Address { get; set; } = IPAddress.Any;

    /// <summary>The TCP port; 0 picks a free one (read it back from <see cref="GrpcServerHost.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>
    /// Serve TLS with ALPN "h2" using this certificate (with its private key); null serves
    /// cleartext HTTP/2 with prior knowledge (h2c).
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Concurrent streams per HTTP/2 connection; null keeps Kestrel's default (100).</summary>
    public int? MaxConcurrentStreams { get; set; }

    /// <summary>
    /// How long <see cref="GrpcServerHost.StopAsync"/> lets running calls finish before aborting them.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The per-call behaviour of the server.</summary>
    public GrpcServerOptions Server { get; set; } = new();

    /// <summary>
    /// Sets up the host's logging. Null logs warnings and errors to standard error, so standard
    /// output stays free for the host's own use.
    /// </summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
