// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using VectorStudio.Engine.Wal;
using VectorStudio.Hosting;

namespace VectorStudio.ShardNode.Configuration;

/// <summary>The validated settings of a shard node.</summary>
public sealed record NodeOptions(
    string DataDir,
    IPAddress BindAddress,
    int GrpcPort,
    int HttpPort,
    string? TlsCertificatePath,
    string? TlsCertificatePassword,
    int MaxMessageSizeBytes,
    string NodeId,
    Microsoft.Extensions.Logging.LogLevel LogLevel,
    int SearchThreads)
{
    /// <summary>WAL and snapshot settings; the defaults match the option table's.</summary>
    public NodeStorageOptions Storage { get; init; } = new();

    /// <summary>
    /// Binds parsed option values, adding to <paramref name="errors"/> what the table alone cannot
    /// check (an address that does not parse, equal ports, a certificate file that is missing).
    /// </summary>
    public static NodeOptions? Bind(OptionValues values, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var start = errors.Count;
        var bind = values.GetRequiredString(NodeOptionDefinitions.Bind);
        if (!IPAddress.TryParse(bind, out var address))
        {
            errors.Add($"--bind: '{bind}' is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0");
        }

        var grpcPort = (int)values.GetInteger(NodeOptionDefinitions.GrpcPort);
        var httpPort = (int)values.GetInteger(NodeOptionDefinitions.HttpPort);
        if (grpcPort != 0 && grpcPort == httpPort)
        {
            errors.Add($"--grpc-port and --http-port are both {grpcPort}; HTTP/2 cleartext and HTTP/1.1 need separate ports");
        }

        var certificate = values.GetString(NodeOptionDefinitions.TlsCertificate);
        if (certificate is not null && !File.Exists(certificate))
        {
            errors.Add($"--tls-certificate: no file at {certificate}");
        }

        if (errors.Count > start)
        {
            return null;
        }

        return new NodeOptions(
            DataDir: Path.GetFullPath(values.GetRequiredString(NodeOptionDefinitions.DataDir)),
            BindAddress: address!,
            GrpcPort: grpcPort,
            HttpPort: httpPort,
            TlsCertificatePath: certificate,
            TlsCertificatePassword: values.GetString(NodeOptionDefinitions.TlsCertificatePassword),
            MaxMessageSizeBytes: (int)values.GetInteger(NodeOptionDefinitions.MaxMessageSize) * 1024 * 1024,
            NodeId: values.GetString(NodeOptionDefinitions.NodeId) ?? Environment.MachineName,
            LogLevel: Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(values.GetRequiredString(NodeOptionDefinitions.LogLevel)),
            SearchThreads: (int)values.GetInteger(NodeOptionDefinitions.SearchThreads))
        {
            Storage = new NodeStorageOptions
            {
                DefaultFsync = values.GetRequiredString(NodeOptionDefinitions.WalFsync) == "interval" ? FsyncMode.Interval : FsyncMode.Always,
                FsyncIntervalMs = (int)values.GetInteger(NodeOptionDefinitions.WalFsyncInterval),
                SegmentBytes = values.GetInteger(NodeOptionDefinitions.WalSegmentSize) * 1024 * 1024,
                RetentionBytes = values.GetInteger(NodeOptionDefinitions.WalRetention) * 1024 * 1024,
                SnapshotEveryBytes = values.GetInteger(NodeOptionDefinitions.SnapshotEvery) * 1024 * 1024,
                Repair = values.GetBoolean(NodeOptionDefinitions.Repair),
            },
        };
    }
}
