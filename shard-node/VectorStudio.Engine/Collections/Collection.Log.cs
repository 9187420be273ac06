// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Collections;

/// <summary>The collection's side of the write-ahead log: appending under the write lock, waiting for durability.</summary>
public sealed partial class Collection
{
    /// <summary>The node's log; null for an in-memory collection (and while recovery replays).</summary>
    internal WriteAheadLog? Log { get; set; }

    /// <summary>The LSN of the last log record applied to this collection (0 if none).</summary>
    public long LastLsn { get; internal set; }

    /// <summary>The LSN of the record that created the collection (0 for an in-memory collection).</summary>
    public long CreatedLsn { get; internal set; }

    /// <summary>The fsync policy its writes are acknowledged under.</summary>
    public DurabilityOptions Durability => Config.Durability ?? DurabilityOptions.Default;

    /// <summary>Completes once record <paramref name="lsn"/> is durable under this collection's policy.</summary>
    internal Task WaitDurableAsync(long lsn) =>
        lsn == 0 || Log is not { } log ? Task.CompletedTask : log.WaitDurableAsync(lsn, Durability);

    /// <summary>Appends an encoded record; call under the write lock, so LSN order is apply order. 0 without a log.</summary>
    private long AppendToLog(ByteWriter? record)
    {
        if (record is null || Log is not { } log)
        {
            return 0;
        }

        var lsn = log.Append(record);
        LastLsn = lsn;
        return lsn;
    }
}
