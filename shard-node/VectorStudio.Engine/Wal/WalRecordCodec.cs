// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;
using VectorStudio.Hashing;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// Encodes and decodes log records (docs/storage.md, "Record"). An encoded record starts with 8 bytes for
/// length and CRC that <see cref="Seal"/> fills in once the log has assigned the LSN.
/// </summary>
public static class WalRecordCodec
{
    /// <summary>The term written into records until replication assigns terms.</summary>
    public const long DefaultTerm = 1;

    internal static ByteWriter EncodeCreate(CollectionConfig config, long term = DefaultTerm)
    {
        var w = Begin(term, WalOp.CreateCollection, config.Name, 64);
        WriteConfig(w, config);
        return w;
    }

    internal static ByteWriter EncodeDrop(string collection, long term = DefaultTerm) =>
        Begin(term, WalOp.DropCollection, collection, 0);

    /// <summary>An upsert record in a pooled buffer: the caller gives it back with <see cref="ByteWriter.Return"/>.</summary>
    internal static ByteWriter EncodeUpsert(string collection, int dimension, IReadOnlyList<PointStruct> points, long term = DefaultTerm)
    {
        var w = Begin(term, WalOp.Upsert, collection, points.Count * ((dimension * 4) + 16), pooled: true);
        w.U32((uint)points.Count);
        w.U32((uint)dimension);
        foreach (var point in points)
        {
            PointCodec.WriteId(w, point.Id);
            w.Floats(point.Vector.Span);
            PointCodec.WritePayload(w, point.Payload);
        }

        return w;
    }

    internal static ByteWriter EncodeDelete(string collection, IReadOnlyList<PointId> ids, long term = DefaultTerm)
    {
        var w = Begin(term, WalOp.Delete, collection, ids.Count * 9);
        w.U32((uint)ids.Count);
        foreach (var id in ids)
        {
            PointCodec.WriteId(w, id);
        }

        return w;
    }

    /// <summary>Writes the LSN, the length and the CRC32C of the checksummed part into an encoded record.</summary>
    public static void Seal(Span<byte> record, long lsn)
    {
        BinaryPrimitives.WriteInt64LittleEndian(record[WalFormat.LsnOffset..], lsn);
        var body = record[WalFormat.RecordPrefixSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32C.Compute(body));
    }

    /// <summary>Decodes the checksummed part of a record (the bytes after length and CRC).</summary>
    /// <exception cref="InvalidDataException">The bytes do not form a record.</exception>
    public static WalRecord Decode(ReadOnlySpan<byte> body)
    {
        var r = new ByteReader(body);
        var term = (long)r.U64();
        var lsn = (long)r.U64();
        var op = (WalOp)r.U8();
        var collection = r.String16();
        var record = new WalRecord(term, lsn, op, collection);
        record = op switch
        {
            WalOp.CreateCollection => record with { Config = ReadConfig(ref r, collection) },
            WalOp.DropCollection => record,
            WalOp.Upsert => record with { Points = ReadPoints(ref r) },
            WalOp.Delete => record with { Ids = ReadIds(ref r) },
            _ => throw new InvalidDataException($"unknown record op {(int)op}"),
        };
        if (r.Remaining != 0)
        {
            throw new InvalidDataException($"{r.Remaining} bytes follow the {op} record's body");
        }

        return record;
    }

    internal static void WriteConfig(ByteWriter w, CollectionConfig config)
    {
        var index = (config.Index ?? IndexOptions.Default).WithDefaults();
        var durability = config.Durability ?? DurabilityOptions.Default;
        w.U32((uint)config.Dimension);
        w.U8((byte)config.Metric);
        w.U8((byte)index.Kind!.Value);
        w.U16((ushort)index.M);
        w.U16((ushort)index.EfConstruct);
        w.U16((ushort)index.Ef);
        w.U8(index.Int8Quantization ? (byte)1 : (byte)0);
        w.U8((byte)durability.Mode);
        w.U32((uint)durability.IntervalMs);
        ConfigExtensions.Write(w, config);
    }

    internal static CollectionConfig ReadConfig(ref ByteReader r, string name)
    {
        var dimension = (int)r.U32();
        var metric = (DistanceMetric)r.U8();
        var index = new IndexOptions
        {
            Kind = (IndexKind)r.U8(),
            M = r.U16(),
            EfConstruct = r.U16(),
            Ef = r.U16(),
            Int8Quantization = r.U8() != 0,
        };
        var durability = new DurabilityOptions((FsyncMode)r.U8(), (int)r.U32());
        var config = new CollectionConfig(name, dimension, metric, index, durability);
        return ConfigExtensions.Read(ref r, config);
    }

    private static ByteWriter Begin(long term, WalOp op, string collection, int bodyHint, bool pooled = false)
    {
        var capacity = WalFormat.RecordPrefixSize + WalFormat.RecordFixedSize + 66 + bodyHint;
        var w = pooled ? ByteWriter.Rent(capacity) : new ByteWriter(capacity);
        w.Skip(WalFormat.RecordPrefixSize);
        w.U64((ulong)term);
        w.U64(0); // the LSN, filled in by Seal
        w.U8((byte)op);
        w.String16(collection);
        return w;
    }

    private static PointStruct[] ReadPoints(ref ByteReader r)
    {
        var count = r.U32();
        var dimension = (int)r.U32();
        if (count > r.Remaining || dimension > EngineLimits.MaxDimension)
        {
            throw new InvalidDataException($"an upsert of {count} points of dimension {dimension} does not fit the record");
        }

        var points = new PointStruct[count];
        for (var i = 0; i < points.Length; i++)
        {
            var id = PointCodec.ReadId(ref r);
            var vector = r.Floats(dimension);
            points[i] = new PointStruct(id, vector, PointCodec.ReadPayload(ref r));
        }

        return points;
    }

    private static PointId[] ReadIds(ref ByteReader r)
    {
        var count = r.U32();
        if (count > r.Remaining)
        {
            throw new InvalidDataException($"a delete of {count} ids does not fit the record");
        }

        var ids = new PointId[count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = PointCodec.ReadId(ref r);
        }

        return ids;
    }
}
