// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Hosting;

namespace VectorStudio.ShardNode.Configuration;

/// <summary>
/// Every setting of the shard node, in one table: defaults live here and nowhere else.
/// docs/configuration.md lists the same table for people.
/// </summary>
public static class NodeOptionDefinitions
{
    public const string DataDir = "data-dir";
    public const string Bind = "bind";
    public const string GrpcPort = "grpc-port";
    public const string HttpPort = "http-port";
    public const string TlsCertificate = "tls-certificate";
    public const string TlsCertificatePassword = "tls-certificate-password";
    public const string MaxMessageSize = "max-message-size-mb";
    public const string NodeId = "node-id";
    public const string LogLevel = "log-level";
    public const string SearchThreads = "search-threads";

    public static readonly IReadOnlyList<OptionDefinition> All =
    [
        new(DataDir, OptionKind.Path, "./vector-studio-data", "Directory for this node's data; created if missing."),
        new(Bind, OptionKind.Text, "127.0.0.1", "Address to listen on (0.0.0.0 for all interfaces, as in Kubernetes)."),
        new(GrpcPort, OptionKind.Number, "50051", "Port of the gRPC API (HTTP/2); 0 picks a free port.", Min: 0, Max: 65535),
        new(HttpPort, OptionKind.Number, "8080", "Port of /metrics, /healthz and /readyz (HTTP/1.1); 0 picks a free port.", Min: 0, Max: 65535),
        new(TlsCertificate, OptionKind.Path, null, "PKCS#12 (.pfx) certificate: serve gRPC over TLS (ALPN h2) instead of h2c."),
        new(TlsCertificatePassword, OptionKind.Text, null, "Password of the TLS certificate, if it has one."),
        new(MaxMessageSize, OptionKind.Number, "64", "Largest gRPC message the node accepts, in MiB.", Min: 1, Max: 1024),
        new(NodeId, OptionKind.Text, null, "This node's name in logs and metrics; defaults to the host name."),
        new(LogLevel, OptionKind.Choice, "Information", "Least severe log level written.", Choices: ["Trace", "Debug", "Information", "Warning", "Error"]),
        new(SearchThreads, OptionKind.Number, "0", "Threads one large search may use; 0 means all cores.", Min: 0, Max: 1024),
    ];
}
