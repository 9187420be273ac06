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
    /// <summary>The listener, TLS and logging settings, as every server process has them.</summary>
    public ServerOptions Server =>
        new(BindAddress, GrpcPort, HttpPort, TlsCertificatePath, TlsCertificatePassword, MaxMessageSizeBytes, NodeId, LogLevel);

    /// <summary>WAL and snapshot settings; the defaults match the option table's.</summary>
    public NodeStorageOptions Storage { get; init; } = new();

    /// <summary>
    /// Binds parsed option values, adding to <paramref name="errors"/> what the table alone cannot
    /// check (see <see cref="ServerOptions.BindFrom"/>).
    /// </summary>
    public static NodeOptions? Bind(OptionValues values, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var server = ServerOptions.BindFrom(values, errors);
        if (server is null)
        {
            return null;
        }

        return new NodeOptions(
            DataDir: Path.GetFullPath(values.GetRequiredString(NodeOptionDefinitions.DataDir)),
            BindAddress: server.BindAddress,
            GrpcPort: server.GrpcPort,
            HttpPort: server.HttpPort,
            TlsCertificatePath: server.TlsCertificatePath,
            TlsCertificatePassword: server.TlsCertificatePassword,
            MaxMessageSizeBytes: server.MaxMessageSizeBytes,
            NodeId: server.NodeId,
            LogLevel: server.LogLevel,
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
