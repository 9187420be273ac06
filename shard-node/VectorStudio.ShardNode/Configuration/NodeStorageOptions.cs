// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Wal;

namespace VectorStudio.ShardNode.Configuration;

/// <summary>The node's WAL and snapshot settings (defaults as in <see cref="NodeOptionDefinitions"/>).</summary>
public sealed record NodeStorageOptions
{
    public FsyncMode DefaultFsync { get; init; } = FsyncMode.Always;

    public int FsyncIntervalMs { get; init; } = DurabilityOptions.DefaultIntervalMs;

    public long SegmentBytes { get; init; } = WalOptions.DefaultSegmentBytes;

    public long RetentionBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>WAL bytes after which a checkpoint runs; 0 disables automatic checkpoints.</summary>
    public long SnapshotEveryBytes { get; init; } = 256L * 1024 * 1024;

    public bool Repair { get; init; }
}
