// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Wal;

/// <summary>The flusher loop: group commit for Always, a deadline for Interval.</summary>
public sealed partial class WriteAheadLog
{
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _waitersGate = new();
    private readonly List<(long Lsn, TaskCompletionSource Done)> _waiters = [];
    private readonly Task _flusher;
    private long _durableLsn;
    private long _syncs;
    private long _syncDueTicks = long.MaxValue;
    private int _signalled;

    /// <summary>fsyncs the flusher has issued (with group commit, fewer than the records they covered).</summary>
    public long SyncCount => Interlocked.Read(ref _syncs);

    /// <summary>
    /// Completes once record <paramref name="lsn"/> is durable under <paramref name="durability"/>: for Always,
    /// after an fsync covering it; for Interval, at once (it is written; an fsync is due within the interval).
    /// </summary>
    /// <remarks>Cancellation: none; the record is already written and will be synced either way.</remarks>
    public Task WaitDurableAsync(long lsn, DurabilityOptions durability)
    {
        ArgumentNullException.ThrowIfNull(durability);
        if (lsn <= Volatile.Read(ref _durableLsn))
        {
            return Task.CompletedTask;
        }

        if (durability.Mode == FsyncMode.Interval)
        {
            ScheduleSync(durability.IntervalMs);
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersGate)
        {
            if (_failure is { } failure)
            {
                return Task.FromException(WaitFailed(failure));
            }

            _waiters.Add((lsn, done));
        }

        Signal();
        return done.Task;
    }

    private void ScheduleSync(int intervalMs)
    {
        var due = Environment.TickCount64 + intervalMs;
        var current = Volatile.Read(ref _syncDueTicks);
        while (due < current)
        {
            var seen = Interlocked.CompareExchange(ref _syncDueTicks, due, current);
            if (seen == current)
            {
                Signal();
                return;
            }

            current = seen;
        }
    }

    private void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _wake.Release();
        }
    }

    private async Task RunFlusherAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var due = Volatile.Read(ref _syncDueTicks);
            var timeout = due == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(due - Environment.TickCount64, 0, int.MaxValue);
            try
            {
                await _wake.WaitAsync(timeout, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Volatile.Write(ref _signalled, 0);
            lock (_waitersGate)
            {
                // An interval write woke us early: sleep until its deadline unless someone waits on an fsync.
                if (_waiters.Count == 0 && Volatile.Read(ref _syncDueTicks) > Environment.TickCount64)
                {
                    continue;
                }
            }

            FlushOnce();
        }
    }

    /// <summary>One fsync covering every record written before it started, then the waiters it covers.</summary>
    private void FlushOnce()
    {
        // Reset the deadline first: an interval write after this point schedules the next fsync.
        Volatile.Write(ref _syncDueTicks, long.MaxValue);
        long target;
        WalSegment segment;
        lock (_gate)
        {
            target = _writtenLsn;
            segment = _current;
        }

        var durable = Volatile.Read(ref _durableLsn);
        if (target > durable)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                // Older segments were synced when they were closed; this one holds everything after them.
                segment.Sync();
                Interlocked.Increment(ref _syncs);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                Fail(e);
                return;
            }

            Volatile.Write(ref _durableLsn, target);
            _options.SyncObserved?.Invoke(Stopwatch.GetElapsedTime(started), target - durable);
        }

        CompleteWaiters(Volatile.Read(ref _durableLsn));
    }

    private void CompleteWaiters(long durable)
    {
        lock (_waitersGate)
        {
            _waiters.RemoveAll(w =>
            {
                if (w.Lsn > durable)
                {
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }
    }

    /// <summary>
    /// An fsync failed: after that the kernel may have dropped the dirty pages, so nothing written since the
    /// last good fsync can be trusted. Every waiter fails and every later append is refused.
    /// </summary>
    private void Fail(Exception error)
    {
        _failure ??= error;
        FailWaiters(WaitFailed(error));
    }

    private void FailWaiters(Exception error)
    {
        lock (_waitersGate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetException(error);
            }

            _waiters.Clear();
        }
    }

    private static EngineException WaitFailed(Exception failure) => EngineException.FailedPrecondition(
        $"the write-ahead log failed to sync ({failure.Message}); the write may not be durable and the node must restart");
}
