// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// The node's write-ahead log: one LSN sequence for every collection, appended to segment files
/// (docs/storage.md). <see cref="Append"/> writes a record with one positioned write and returns its LSN;
/// <see cref="WaitDurableAsync"/> completes once the record is durable under the collection's policy.
/// </summary>
/// <remarks>
/// Group commit: appenders write their records themselves, under the log's lock, so a full disk is
/// seen (and the partial record removed) before the engine applies anything. One flusher loop issues
/// the fsyncs: each covers every record written before it started, so concurrent writers share one
/// fsync, and a waiter is completed only after the fsync that covers its record.
/// Lock order: a collection's write lock, then this log's lock; never the reverse.
/// </remarks>
public sealed partial class WriteAheadLog : IDisposable
{
    private readonly object _gate = new();
    private readonly string _directory;
    private readonly WalOptions _options;
    private readonly List<WalSegmentInfo> _closed;
    private WalSegment _current;
    private long _nextLsn;
    private long _writtenLsn;
    private long _bytesWritten;
    private long _recordsWritten;
    private volatile Exception? _failure;

    private WriteAheadLog(string directory, WalOptions options, WalSegment current, long nextLsn, List<WalSegmentInfo> closed)
    {
        _directory = directory;
        _options = options;
        _current = current;
        _nextLsn = nextLsn;
        _writtenLsn = nextLsn - 1;
        _durableLsn = nextLsn - 1;
        _closed = closed;
        _flusher = Task.Run(RunFlusherAsync);
    }

    /// <summary>The directory holding the segment files.</summary>
    public string Directory => _directory;

    /// <summary>The LSN of the last record written (0 when none ever was).</summary>
    public long LastLsn
    {
        get
        {
            lock (_gate)
            {
                return _nextLsn - 1;
            }
        }
    }

    /// <summary>Every record up to this LSN has been fsynced.</summary>
    public long DurableLsn => Volatile.Read(ref _durableLsn);

    /// <summary>Record bytes appended since the log was opened (drives automatic snapshots).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Records appended since the log was opened.</summary>
    public long RecordsWritten => Interlocked.Read(ref _recordsWritten);

    /// <summary>Segment files: the closed ones retention keeps, and the current one.</summary>
    public int SegmentCount
    {
        get
        {
            lock (_gate)
            {
                return _closed.Count + 1;
            }
        }
    }

    /// <summary>
    /// Opens the log for appending after recovery: a new segment starting at <paramref name="nextLsn"/>;
    /// <paramref name="existing"/> are the older segments recovery read (kept for retention).
    /// </summary>
    public static WriteAheadLog Open(string directory, long nextLsn, IReadOnlyList<WalSegmentInfo> existing, WalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentOutOfRangeException.ThrowIfLessThan(nextLsn, 1);
        System.IO.Directory.CreateDirectory(directory);
        var closed = existing.Where(s => s.FirstLsn < nextLsn).OrderBy(s => s.FirstLsn).ToList();
        var reuse = existing.FirstOrDefault(s => s.FirstLsn == nextLsn);
        if (reuse is not null)
        {
            // A segment that recovery found holding no record: start it afresh rather than beside it.
            File.Delete(reuse.Path);
        }

        var current = WalSegment.Create(directory, nextLsn);
        return new WriteAheadLog(directory, options ?? new WalOptions(), current, nextLsn, closed);
    }

    /// <summary>Every segment file, oldest first, with the current one last.</summary>
    public IReadOnlyList<WalSegmentInfo> Segments()
    {
        lock (_gate)
        {
            return [.. _closed, new WalSegmentInfo(_current.Path, _current.FirstLsn, _current.Length)];
        }
    }

    /// <summary>
    /// Writes an encoded record (see <see cref="WalRecordCodec"/>) and returns the LSN it was given. Throws
    /// DiskFull when the disk is full (nothing of the record stays in the log) and FailedPrecondition after
    /// an fsync failed (the node must restart and recover).
    /// </summary>
    internal long Append(ByteWriter record)
    {
        var bytes = record.WrittenSpan;
        lock (_gate)
        {
            ThrowIfFailed();
            try
            {
                if (_current.Length + bytes.Length > _options.SegmentBytes && _current.Length > WalFormat.SegmentHeaderSize)
                {
                    Roll();
                }

                var lsn = _nextLsn;
                WalRecordCodec.Seal(bytes, lsn);
                _current.Append(bytes);
                _nextLsn = lsn + 1;
                Interlocked.Add(ref _bytesWritten, bytes.Length);
                Interlocked.Increment(ref _recordsWritten);
                Volatile.Write(ref _writtenLsn, lsn);
                return lsn;
            }
            catch (IOException e) when (FileSync.IsDiskFull(e))
            {
                throw EngineException.DiskFull(
                    $"the disk holding the write-ahead log ({_directory}) is full; the write was not stored. " +
                    "Free space (or grow the volume) and retry; the node resumes by itself.", e);
            }
            catch (IOException e)
            {
                throw EngineException.FailedPrecondition($"the write-ahead log cannot be written ({_directory}): {e.Message}");
            }
        }
    }

    /// <summary>
    /// Deletes closed segments whose records all have LSNs at or below <paramref name="bound"/> (what the
    /// snapshots cover), keeping the newest closed segments that add up to <paramref name="retainBytes"/>
    /// for replicas that still read them. Returns the segments deleted.
    /// </summary>
    public IReadOnlyList<WalSegmentInfo> DeleteSegmentsThrough(long bound, long retainBytes)
    {
        var deleted = new List<WalSegmentInfo>();
        lock (_gate)
        {
            var kept = 0L;
            for (var i = _closed.Count - 1; i >= 0; i--)
            {
                var lastLsn = (i + 1 < _closed.Count ? _closed[i + 1].FirstLsn : _current.FirstLsn) - 1;
                if (kept < retainBytes || lastLsn > bound)
                {
                    kept += _closed[i].Bytes;
                    continue;
                }

                deleted.Add(_closed[i]);
            }

            foreach (var segment in deleted)
            {
                File.Delete(segment.Path);
                _closed.Remove(segment);
            }
        }

        if (deleted.Count > 0)
        {
            FileSync.SyncDirectory(_directory);
        }

        return deleted;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            // The flusher never waits on the caller's context, so this blocking wait cannot deadlock.
#pragma warning disable VSTHRD002
            _flusher.Wait();
#pragma warning restore VSTHRD002
        }
        catch (AggregateException)
        {
        }

        lock (_gate)
        {
            FlushOnce();
            _current.Dispose();
        }

        FailWaiters(new ObjectDisposedException(nameof(WriteAheadLog)));
        _stop.Dispose();
        _wake.Dispose();
    }

    /// <summary>Starts a new segment; the old one is fsynced and closed. Call under the lock.</summary>
    private void Roll()
    {
        var next = WalSegment.Create(_directory, _nextLsn);
        try
        {
            _current.Close();
        }
        catch (IOException e)
        {
            next.Dispose();
            Fail(e);
            throw;
        }

        _closed.Add(new WalSegmentInfo(_current.Path, _current.FirstLsn, _current.Length));
        _current = next;
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw EngineException.FailedPrecondition(
                $"the write-ahead log failed to sync ({failure.Message}); no write is accepted until the node restarts and recovers");
        }
    }
}
