// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Wal;

/// <summary>Settings of a node's write-ahead log.</summary>
public sealed record WalOptions
{
    public const long DefaultSegmentBytes = 64L * 1024 * 1024;

    /// <summary>A segment is closed and a new one started once a record would take it past this size.</summary>
    public long SegmentBytes { get; init; } = DefaultSegmentBytes;

    /// <summary>
    /// Called by the flusher after each fsync of the log with how long it took and how many records it
    /// made durable (the group-commit batch); null: not observed. Runs on the flusher: keep it cheap.
    /// </summary>
    public Action<TimeSpan, long>? SyncObserved { get; init; }
}
