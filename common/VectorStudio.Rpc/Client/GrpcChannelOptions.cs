// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>. Defaults follow the official gRPC stacks.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The default user-agent: <c>vectorstudio-dotnet/&lt;version&gt;</c>.</summary>
    public static readonly string DefaultUserAgent = "vectorstudio-dotnet/" + LibraryVersion();

    /// <summary>Largest response message accepted (4 MiB); larger fail RESOURCE_EXHAUSTED. Null: no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>Largest request message sent; larger fail RESOURCE_EXHAUSTED unsent. Null: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Gzip request messages unless a call says otherwise (<see cref="CallOptions.Compress"/>).</summary>
    public bool CompressRequests { get; set; }

    /// <summary>Metadata sent with every call, before the call's own headers.</summary>
    public Metadata? DefaultHeaders { get; set; }

    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>
    /// How long a connection with calls in flight may stay silent before the client sends an HTTP/2
    /// PING. Five minutes is the shortest interval grpc-core servers accept without answering
    /// GOAWAY "too_many_pings" (their min_recv_ping_interval_without_data default).
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for a PING's acknowledgement before the connection counts as dead.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Client certificates offered in the TLS handshake (mutual TLS).</summary>
    public X509CertificateCollection? ClientCertificates { get; set; }

    /// <summary>A CA that server certificates must chain to, instead of the system's trust store.</summary>
    public X509Certificate2? TrustedCertificateAuthority { get; set; }

    /// <summary>Custom server certificate validation; wins over <see cref="TrustedCertificateAuthority"/>.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>
    /// A handler to use instead of the channel's own SocketsHttpHandler (tests, proxies). The channel
    /// then ignores the connection and TLS settings above and does not dispose the handler.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    private static string LibraryVersion()
    {
        var assembly = typeof(GrpcChannelOptions).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
