// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Collections;

/// <summary>
/// Write combining for durable upserts. Many clients writing to one collection would otherwise each block
/// a thread-pool thread on the write lock (the lock spins, sleeps and hands off between them), starving the
/// threads that parse requests. Instead a writer queues its validated, encoded batch; one thread at a time
/// (the first writer that finds nobody applying) takes the write lock once and, for each queued batch in
/// order, checks, logs and applies it, exactly as a lone writer would. The others await their batch's task.
/// </summary>
/// <remarks>
/// LSN order is still apply order (each batch is logged and applied under the lock, one after another),
/// and a batch is acknowledged only after it is applied and durable, as before.
/// </remarks>
public sealed partial class Collection
{
    /// <summary>
    /// At most this many points are applied per write-lock hold (at least one batch): at roughly 1 µs per
    /// 128-d point that holds searches back for a few milliseconds at most.
    /// </summary>
    private const int MaxPointsPerHold = 4096;

    /// <summary>
    /// A writer applies at most this many lock holds for others before it hands the rest of the queue to
    /// the thread pool and goes on to answer its own client.
    /// </summary>
    private const int MaxHoldsInline = 4;

    private readonly ConcurrentQueue<PendingUpsert> _writeQueue = new();
    private readonly Dictionary<string, PayloadFieldType> _pendingFields = new(StringComparer.Ordinal);
    private readonly HashSet<PointId> _newIds = [];
    private float[]? _scratchVector;
    private int _draining;

    /// <summary>A vector's worth of floats to normalise into; used under the write lock only.</summary>
    private float[] Scratch => _scratchVector ??= new float[Dimension];

    /// <summary>
    /// Applies queued batches unless another thread is at it. A batch queued while another thread drains is
    /// seen by that thread: it checks the queue again after it stops draining.
    /// </summary>
    private void DrainWrites()
    {
        for (var hold = 0; hold < MaxHoldsInline; hold++)
        {
            if (Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }

            List<PendingUpsert> taken;
            try
            {
                taken = ApplyQueued();
            }
            finally
            {
                // A full fence: the emptiness check below must not move before this store.
                Interlocked.Exchange(ref _draining, 0);
            }

            // Outside the lock and outside the drain, so the next batches are applied while the graph links.
            FlushAndComplete(taken);
            if (_writeQueue.IsEmpty)
            {
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(static c => c.DrainWrites(), this, preferLocal: false);
    }

    /// <summary>Takes queued batches (up to <see cref="MaxPointsPerHold"/> points) and applies them under one lock hold.</summary>
    private List<PendingUpsert> ApplyQueued()
    {
        var taken = new List<PendingUpsert>();
        var points = 0;
        while (_writeQueue.TryPeek(out var next) && (taken.Count == 0 || points + next.Points.Count <= MaxPointsPerHold))
        {
            _writeQueue.TryDequeue(out _);
            taken.Add(next);
            points += next.Points.Count;
        }

        if (taken.Count == 0)
        {
            return taken;
        }

        try
        {
            EnterWrite();
        }
        catch (Exception e)
        {
            // Deleted (or a broken lock): every batch taken fails with it, as it would have alone.
            taken.ForEach(b => b.Error = e);
            return taken;
        }

        try
        {
            foreach (var batch in taken)
            {
                try
                {
                    batch.Lsn = ApplyUpsert(batch);
                }
                catch (Exception e)
                {
                    // Not swallowed: the batch's writer gets it, exactly as if it had called alone.
                    batch.Error = e;
                }
                finally
                {
                    batch.ReleaseRecord();
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return taken;
    }

    private void FlushAndComplete(List<PendingUpsert> taken)
    {
        try
        {
            if (taken.Count > 0)
            {
                _index.Flush();
            }
        }
        catch (Exception e)
        {
            foreach (var batch in taken)
            {
                batch.Error ??= e;
            }
        }

        foreach (var batch in taken)
        {
            batch.Complete();
        }
    }
}
