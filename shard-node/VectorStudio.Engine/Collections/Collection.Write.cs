// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Collections;

/// <summary>Upsert and delete.</summary>
public sealed partial class Collection
{
    /// <summary>
    /// Inserts or replaces 1..10,000 points. The batch is validated whole first (dimension, finite
    /// components, ids, payload keys, sizes and field types); one bad point rejects the batch and nothing
    /// is stored. A later point with the same id as an earlier one in the batch wins.
    /// </summary>
    /// <returns>The number of points written.</returns>
    /// <remarks>
    /// With a log attached the batch is logged (one record) before it is applied, but this method does not
    /// wait for the fsync: <see cref="UpsertDurableAsync"/> does, and is what acknowledges a write to a client.
    /// </remarks>
    public int Upsert(IReadOnlyList<PointStruct> points)
    {
        var batch = PrepareUpsert(points);
        try
        {
            EnterWrite();
            try
            {
                ApplyUpsert(batch);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            batch.ReleaseRecord();
        }

        // Outside the lock: graph linking is the slow part of an upsert and searches may run meanwhile.
        _index.Flush();
        return points.Count;
    }

    /// <summary>
    /// <see cref="Upsert"/>, completing only once the batch's log record is durable under the collection's
    /// fsync policy. DiskFull if the log cannot be written (nothing is applied then).
    /// </summary>
    /// <remarks>
    /// The batch is validated and encoded on the caller's thread, then queued: one thread at a time applies
    /// the queued batches under one write-lock hold (see <see cref="DrainWrites"/>), so concurrent writers
    /// wait on a task rather than block a thread on the lock.
    /// </remarks>
    public async Task<int> UpsertDurableAsync(IReadOnlyList<PointStruct> points)
    {
        var batch = PrepareUpsert(points);
        _writeQueue.Enqueue(batch);
        DrainWrites();
        var lsn = await batch.Applied.Task.ConfigureAwait(false);
        await WaitDurableAsync(lsn).ConfigureAwait(false);
        return points.Count;
    }

    /// <summary>Validates a batch whole (no lock needed) and encodes its log record.</summary>
    private PendingUpsert PrepareUpsert(IReadOnlyList<PointStruct> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count is 0 or > EngineLimits.MaxBatchPoints)
        {
            throw EngineException.InvalidArgument(
                $"upsert batch has {points.Count} points; accepted: 1..{EngineLimits.MaxBatchPoints}");
        }

        var payloadBytes = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            payloadBytes[i] = ValidatePoint(points[i], i);
        }

        var record = Log is null ? null : WalRecordCodec.EncodeUpsert(Name, Dimension, points);
        return new PendingUpsert(points, payloadBytes, record);
    }

    /// <summary>
    /// Checks what needs the lock (payload types, capacity), logs the batch and applies it; returns its LSN.
    /// Call under the write lock. Throws (with nothing logged or applied) when a check fails or the log
    /// cannot be written.
    /// </summary>
    private long ApplyUpsert(PendingUpsert batch)
    {
        var points = batch.Points;
        var pending = _pendingFields;
        var newIds = _newIds;
        pending.Clear();
        newIds.Clear();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Payload is { } payload)
            {
                _schema.Check(payload, pending, $"point {i} ({points[i].Id})");
            }

            if (!_points.TryGetSlot(points[i].Id, out _))
            {
                newIds.Add(points[i].Id);
            }
        }

        if ((long)_points.Count + newIds.Count > EngineLimits.MaxPointsPerCollection)
        {
            throw EngineException.ResourceExhausted(
                $"collection '{Name}' holds {_points.Count} points; {newIds.Count} more would pass the limit of {EngineLimits.MaxPointsPerCollection}");
        }

        // Logged before it is applied: a full disk refuses the batch while nothing has changed.
        var lsn = AppendToLog(batch.Record);

        // Cancellation: none from here on. The batch is applied whole so readers see all of it or none.
        _schema.Commit(pending);
        for (var i = 0; i < points.Count; i++)
        {
            Write(points[i], batch.PayloadBytes[i], Scratch);
        }

        return lsn;
    }

    /// <summary>Deletes points by id (1..10,000; unknown ids are ignored). Returns how many existed.</summary>
    /// <remarks>Logged, but not awaited: see <see cref="Upsert"/>; <see cref="DeleteDurableAsync(IReadOnlyList{PointId})"/> waits.</remarks>
    public int Delete(IReadOnlyList<PointId> ids) => DeleteLogged(ids).Count;

    /// <summary><see cref="Delete(IReadOnlyList{PointId})"/>, completing once its log record is durable.</summary>
    public async Task<int> DeleteDurableAsync(IReadOnlyList<PointId> ids)
    {
        var (count, lsn) = DeleteLogged(ids);
        await WaitDurableAsync(lsn).ConfigureAwait(false);
        return count;
    }

    /// <summary><see cref="Delete(Filter)"/>, completing once its log record is durable.</summary>
    public async Task<int> DeleteDurableAsync(Filter filter)
    {
        var (count, lsn) = DeleteLogged(filter);
        await WaitDurableAsync(lsn).ConfigureAwait(false);
        return count;
    }

    private (int Count, long Lsn) DeleteLogged(IReadOnlyList<PointId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ValidateIds(ids, "delete");
        var record = Log is null ? null : WalRecordCodec.EncodeDelete(Name, ids);
        EnterWrite();
        try
        {
            var lsn = AppendToLog(record);
            var deleted = 0;
            foreach (var id in ids)
            {
                if (_points.TryGetSlot(id, out var slot))
                {
                    Remove(slot);
                    deleted++;
                }
            }

            return (deleted, lsn);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Deletes every point matching a non-empty filter. Returns how many were deleted.</summary>
    /// <remarks>Logged as the ids it matched, so replay does not depend on the filter; not awaited (see <see cref="Upsert"/>).</remarks>
    public int Delete(Filter filter) => DeleteLogged(filter).Count;

    private (int Count, long Lsn) DeleteLogged(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.IsEmpty)
        {
            throw EngineException.InvalidArgument(
                "delete by an empty filter would delete every point; delete the collection instead");
        }

        EnterWrite();
        try
        {
            FilterValidator.Validate(filter, _schema);
            var matches = MatchingSlots(filter).ToArray();
            var lsn = matches.Length == 0 || Log is null
                ? 0
                : AppendToLog(WalRecordCodec.EncodeDelete(Name, [.. matches.Select(_points.Id)]));
            foreach (var slot in matches)
            {
                Remove(slot);
            }

            return (matches.Length, lsn);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Write(PointStruct point, int payloadBytes, float[] scratch)
    {
        if (!_points.TryGetSlot(point.Id, out var slot))
        {
            slot = _points.Add(point.Id);
        }
        else
        {
            _payloadIndex.Remove(slot, _points.Payload(slot));
        }

        point.Vector.Span.CopyTo(scratch);
        if (Config.Metric == DistanceMetric.Cosine)
        {
            DistanceKernels.Normalize(scratch);
        }

        _vectors.Write(slot, scratch);
        _vectors.SetLive(slot, true);
        var payload = point.Payload is { Count: > 0 } p ? p.ToDictionary(StringComparer.Ordinal) : null;
        _points.SetPayload(slot, payload, payloadBytes);
        _payloadIndex.Add(slot, payload);
        _index.OnUpsert(slot, scratch);
    }

    private void Remove(int slot)
    {
        _payloadIndex.Remove(slot, _points.Payload(slot));
        _vectors.SetLive(slot, false);
        _points.Remove(slot);
        _index.OnDelete(slot);
    }
}
