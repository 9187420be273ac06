// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using VectorStudio.Engine.Hnsw;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Snapshots;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Collections;

/// <summary>Writing a consistent snapshot of the collection and rebuilding one from it (docs/storage.md, "Snapshots").</summary>
public sealed partial class Collection
{
    private readonly List<int> _restoreHoles = [];

    /// <summary>
    /// Writes the collection as of <see cref="LastLsn"/>: points with their slots, the HNSW graph, and a
    /// trailer with the CRC32C of everything before it. Returns the LSN the snapshot covers.
    /// </summary>
    /// <remarks>Holds the read lock throughout: writes to this collection wait while it runs, searches do not.</remarks>
    internal long WriteSnapshot(Stream output)
    {
        EnterRead();
        try
        {
            var crc = new ChecksumStream(output);
            var w = new ByteWriter(SnapshotFormat.PointsBlockBytes + (Dimension * 4) + 1024);
            w.U64(SnapshotFormat.Magic);
            w.U32(SnapshotFormat.FormatVersion);
            w.U32(SnapshotFormat.HeaderSize);
            w.I64(LastLsn);
            w.I64(CreatedLsn);
            crc.Write(w.WrittenSpan);

            w.Clear();
            w.String16(Name);
            WalRecordCodec.WriteConfig(w, Config);
            WriteBlock(crc, SnapshotFormat.ConfigBlock, w.WrittenSpan);

            WritePoints(crc, w);
            if (_index is HnswIndex hnsw)
            {
                using var graph = new MemoryStream();
                hnsw.Save(graph);
                WriteBlock(crc, SnapshotFormat.IndexBlock, graph.GetBuffer().AsSpan(0, (int)graph.Length));
            }

            w.Clear();
            w.U32((uint)_points.SlotCount);
            w.U64((ulong)_points.Count);
            WriteBlock(crc, SnapshotFormat.EndBlock, w.WrittenSpan);

            Span<byte> trailer = stackalloc byte[SnapshotFormat.TrailerSize];
            BinaryPrimitives.WriteInt64LittleEndian(trailer, crc.Written);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[8..], crc.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[12..], SnapshotFormat.EndMagic);
            output.Write(trailer);
            return LastLsn;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Adds one points block of a snapshot being restored (slots ascending). Call before anyone else sees the collection.</summary>
    internal void RestorePoints(ReadOnlySpan<byte> block)
    {
        var r = new ByteReader(block);
        var count = r.U32();
        var pending = new Dictionary<string, PayloadFieldType>(StringComparer.Ordinal);
        EnterWrite();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var slot = (int)r.U32();
                var id = PointCodec.ReadId(ref r);
                var vector = r.Floats(Dimension);
                var payload = PointCodec.ReadPayload(ref r);
                while (_points.SlotCount < slot)
                {
                    _restoreHoles.Add(_points.SkipSlot());
                }

                if (_points.SlotCount != slot || _points.TryGetSlot(id, out _))
                {
                    throw new InvalidDataException($"snapshot point {id} at slot {slot} is out of order or repeated");
                }

                if (payload is not null)
                {
                    pending.Clear();
                    _schema.Check(payload, pending, $"snapshot point {id}");
                    _schema.Commit(pending);
                }

                _points.Add(id);
                _vectors.Write(slot, vector);
                _vectors.SetLive(slot, true);
                _points.SetPayload(slot, payload, PayloadSize.Of(payload));
                _payloadIndex.Add(slot, payload);
                _index.OnUpsert(slot, vector);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Ends a restore: frees the holes up to the saved slot count, then loads or builds the index.</summary>
    internal void FinishRestore(int slotCount, ReadOnlyMemory<byte>? index, long lastLsn, long createdLsn)
    {
        EnterWrite();
        try
        {
            while (_points.SlotCount < slotCount)
            {
                _restoreHoles.Add(_points.SkipSlot());
            }

            foreach (var hole in _restoreHoles)
            {
                _points.Release(hole);
            }

            _restoreHoles.Clear();
            LastLsn = lastLsn;
            CreatedLsn = createdLsn;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        if (index is { } graph)
        {
            using var stream = new MemoryStream(graph.ToArray(), writable: false);
            TryLoadIndex(stream);
        }
        else
        {
            _index.Flush();
        }
    }

    private void WritePoints(ChecksumStream output, ByteWriter w)
    {
        var scratch = new float[Dimension];
        w.Clear();
        w.Skip(4);
        uint count = 0;
        foreach (var slot in _vectors.Live.Enumerate())
        {
            w.U32((uint)slot);
            PointCodec.WriteId(w, _points.Id(slot));
            _vectors.CopyVector(slot, scratch);
            w.Floats(scratch);
            PointCodec.WritePayload(w, _points.Payload(slot));
            count++;
            if (w.Length >= SnapshotFormat.PointsBlockBytes)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(w.WrittenSpan, count);
                WriteBlock(output, SnapshotFormat.PointsBlock, w.WrittenSpan);
                w.Clear();
                w.Skip(4);
                count = 0;
            }
        }

        if (count > 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(w.WrittenSpan, count);
            WriteBlock(output, SnapshotFormat.PointsBlock, w.WrittenSpan);
        }
    }

    private static void WriteBlock(Stream output, uint kind, ReadOnlySpan<byte> body)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(head, kind);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)body.Length);
        output.Write(head);
        output.Write(body);
    }
}
