// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using Microsoft.Extensions.Logging;

namespace VectorStudio.Hosting;

/// <summary>
/// The settings every gRPC server process of Vector Studio has (shard node, embedder node): where it
/// listens, TLS, message size, name and log level. A host's option table starts with
/// <see cref="Definitions"/> and adds its own rows.
/// </summary>
public sealed record ServerOptions(
    IPAddress BindAddress,
    int GrpcPort,
    int HttpPort,
    string? TlsCertificatePath,
    string? TlsCertificatePassword,
    int MaxMessageSizeBytes,
    string NodeId,
    LogLevel LogLevel)
{
    public const string Bind = "bind";
    public const string GrpcPortName = "grpc-port";
    public const string HttpPortName = "http-port";
    public const string TlsCertificate = "tls-certificate";
    public const string TlsCertificatePasswordName = "tls-certificate-password";
    public const string MaxMessageSize = "max-message-size-mb";
    public const string NodeIdName = "node-id";
    public const string LogLevelName = "log-level";

    /// <summary>The common rows, with the host's default ports.</summary>
    public static IReadOnlyList<OptionDefinition> Definitions(int defaultGrpcPort, int defaultHttpPort, int defaultMaxMessageMib) =>
    [
        new(Bind, OptionKind.Text, "127.0.0.1", "Address to listen on (0.0.0.0 for all interfaces, as in Kubernetes)."),
        new(GrpcPortName, OptionKind.Number, defaultGrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Port of the gRPC API (HTTP/2); 0 picks a free port.", Min: 0, Max: 65535),
        new(HttpPortName, OptionKind.Number, defaultHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Port of /metrics, /healthz and /readyz (HTTP/1.1); 0 picks a free port.", Min: 0, Max: 65535),
        new(TlsCertificate, OptionKind.Path, null, "PKCS#12 (.pfx) certificate: serve gRPC over TLS (ALPN h2) instead of h2c."),
        new(TlsCertificatePasswordName, OptionKind.Text, null, "Password of the TLS certificate, if it has one."),
        new(MaxMessageSize, OptionKind.Number, defaultMaxMessageMib.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Largest gRPC message the process accepts, in MiB.", Min: 1, Max: 1024),
        new(NodeIdName, OptionKind.Text, null, "This process's name in logs and metrics; defaults to the host name."),
        new(LogLevelName, OptionKind.Choice, "Information", "Least severe log level written.",
            Choices: ["Trace", "Debug", "Information", "Warning", "Error"]),
    ];

    /// <summary>
    /// Binds the common rows, adding to <paramref name="errors"/> what the table alone cannot check
    /// (an address that does not parse, equal ports, a certificate file that is missing).
    /// </summary>
    public static ServerOptions? BindFrom(OptionValues values, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var start = errors.Count;
        var bind = values.GetRequiredString(Bind);
        if (!IPAddress.TryParse(bind, out var address))
        {
            errors.Add($"--bind: '{bind}' is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0");
        }

        var grpcPort = (int)values.GetInteger(GrpcPortName);
        var httpPort = (int)values.GetInteger(HttpPortName);
        if (grpcPort != 0 && grpcPort == httpPort)
        {
            errors.Add($"--grpc-port and --http-port are both {grpcPort}; HTTP/2 cleartext and HTTP/1.1 need separate ports");
        }

        var certificate = values.GetString(TlsCertificate);
        if (certificate is not null && !File.Exists(certificate))
        {
            errors.Add($"--tls-certificate: no file at {certificate}");
        }

        if (errors.Count > start)
        {
            return null;
        }

        return new ServerOptions(
            BindAddress: address!,
            GrpcPort: grpcPort,
            HttpPort: httpPort,
            TlsCertificatePath: certificate,
            TlsCertificatePassword: values.GetString(TlsCertificatePasswordName),
            MaxMessageSizeBytes: (int)values.GetInteger(MaxMessageSize) * 1024 * 1024,
            NodeId: values.GetString(NodeIdName) ?? Environment.MachineName,
            LogLevel: Enum.Parse<LogLevel>(values.GetRequiredString(LogLevelName)));
    }
}
