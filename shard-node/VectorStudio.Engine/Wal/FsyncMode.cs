// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Wal;

/// <summary>When a collection's log records reach stable storage before the write is acknowledged.</summary>
public enum FsyncMode
{
    /// <summary>
    /// Every write waits for an fsync that covers its record (group commit: concurrent writers share
    /// one fsync). An acknowledged write survives a power loss.
    /// </summary>
    Always,

    /// <summary>
    /// A write is acknowledged once its record is in the operating system's page cache; an fsync runs at
    /// most the collection's interval later. A killed process loses nothing; a power loss may lose the
    /// writes of the last interval.
    /// </summary>
    Interval,
}
