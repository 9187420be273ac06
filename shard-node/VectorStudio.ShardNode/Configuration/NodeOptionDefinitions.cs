// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Hosting;

namespace VectorStudio.ShardNode.Configuration;

/// <summary>
/// Every setting of the shard node, in one table: the data directory, the rows every server process
/// has (<see cref="ServerOptions.Definitions"/>), then the node's own. Defaults live here and nowhere else.
/// docs/configuration.md lists the same table for people.
/// </summary>
public static class NodeOptionDefinitions
{
    public const string DataDir = "data-dir";
    public const string SearchThreads = "search-threads";
    public const string WalFsync = "wal-fsync";
    public const string WalFsyncInterval = "wal-fsync-interval-ms";
    public const string WalSegmentSize = "wal-segment-mb";
    public const string WalRetention = "wal-retention-mb";
    public const string SnapshotEvery = "snapshot-every-wal-mb";
    public const string Repair = "repair";

    public static readonly IReadOnlyList<OptionDefinition> All =
    [
        new(DataDir, OptionKind.Path, "./vector-studio-data", "Directory for this node's data; created if missing."),
        .. ServerOptions.Definitions(defaultGrpcPort: 50051, defaultHttpPort: 8080, defaultMaxMessageMib: 64),
        new(SearchThreads, OptionKind.Number, "0", "Threads one large search may use; 0 means all cores.", Min: 0, Max: 1024),
        new(WalFsync, OptionKind.Choice, "always", "Fsync policy of collections created without one: always (group commit) or interval.", Choices: ["always", "interval"]),
        new(WalFsyncInterval, OptionKind.Number, "100", "For interval: the longest a written record waits for its fsync, in ms (the power-loss window).", Min: 1, Max: 10_000),
        new(WalSegmentSize, OptionKind.Number, "64", "Size at which a WAL segment file is closed and a new one started, in MiB.", Min: 1, Max: 1024),
        new(WalRetention, OptionKind.Number, "64", "WAL kept beyond what snapshots cover (for replicas catching up), in MiB.", Min: 0, Max: 1_048_576),
        new(SnapshotEvery, OptionKind.Number, "256", "Take a checkpoint (snapshot of every changed collection) after this much WAL, in MiB; 0: only on demand.", Min: 0, Max: 1_048_576),
        new(Repair, OptionKind.Boolean, "false", "At start-up, truncate the WAL at a corrupt record in the middle (dropping what follows) instead of refusing to start."),
    ];
}
