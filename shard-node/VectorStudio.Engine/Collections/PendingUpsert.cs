// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Collections;

/// <summary>
/// A validated, encoded upsert batch waiting in its collection's write queue; <see cref="Applied"/>
/// completes with the LSN of its log record once it is logged and applied (or with the error that
/// refused it).
/// </summary>
internal sealed class PendingUpsert(IReadOnlyList<PointStruct> points, int[] payloadBytes, ByteWriter? record)
{
    public IReadOnlyList<PointStruct> Points { get; } = points;

    /// <summary>Each point's encoded payload size, measured while validating.</summary>
    public int[] PayloadBytes { get; } = payloadBytes;

    /// <summary>The encoded log record (pooled; returned once appended), null without a log.</summary>
    public ByteWriter? Record { get; private set; } = record;

    /// <summary>Continuations run on the thread pool, not on the thread that applies the queue.</summary>
    public TaskCompletionSource<long> Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The LSN once applied; set by the thread that applied it, read after the lock is released.</summary>
    public long Lsn { get; set; }

    /// <summary>Why it was refused; null once applied.</summary>
    public Exception? Error { get; set; }

    /// <summary>Gives the record's pooled buffer back; the log holds no reference to it after the append.</summary>
    public void ReleaseRecord()
    {
        Record?.Return();
        Record = null;
    }

    /// <summary>Completes <see cref="Applied"/> with the outcome.</summary>
    public void Complete()
    {
        if (Error is { } error)
        {
            Applied.TrySetException(error);
        }
        else
        {
            Applied.TrySetResult(Lsn);
        }
    }
}
