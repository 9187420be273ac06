// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Durability;

/// <summary>Where a node keeps its log and snapshots, and how much of each it keeps.</summary>
/// <param name="DataDir">The node's data directory; the log goes to wal/, snapshots to snapshots/.</param>
public sealed record DurableStoreOptions(string DataDir)
{
    public EngineOptions Engine { get; init; } = new();

    public WalOptions Wal { get; init; } = new();

    /// <summary>Cut the log at a corruption in the middle instead of refusing to start (the --repair option).</summary>
    public bool Repair { get; init; }

    /// <summary>Log bytes kept beyond what the snapshots cover, for replicas that still read them.</summary>
    public long WalRetentionBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Snapshots kept per collection (at least 1); older ones are deleted after a new one is written.</summary>
    public int SnapshotsKept { get; init; } = 2;

    /// <summary>The clock that stamps snapshots' finish times (metrics).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string WalDirectory => System.IO.Path.Combine(DataDir, "wal");

    public string SnapshotDirectory => System.IO.Path.Combine(DataDir, "snapshots");
}
