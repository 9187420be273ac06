// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// The graph's binary format (little-endian; docs/engine.md describes it): a header, per-node info,
/// level-0 link rows, upper link blocks, vector or code rows, then a 64-bit checksum of everything
/// before it.
/// </summary>
internal abstract unsafe partial class HnswGraph
{
    /// <summary>"VSHNSW\0\0" as a little-endian integer.</summary>
    public const ulong Magic = 0x0000_5753_4E48_5356UL;

    public const int FormatVersion = 1;

    /// <summary>Writes the graph; <paramref name="isLive"/> marks current nodes (the rest load as tombstones).</summary>
    public void Save(Stream stream, Func<int, bool> isLive)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            var count = Count;
            var (entry, top) = Entry;
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(Dimension);
            w.Write(Options.Euclidean);
            w.Write(Quantizer is not null);
            w.Write(M);
            w.Write(Options.EfConstruct);
            w.Write(Quantizer?.Offset ?? 0f);
            w.Write(Quantizer?.Scale ?? 0f);
            w.Write(Options.Seed);
            w.Write(count);
            w.Write(entry);
            w.Write(top);
            for (var n = 0; n < count; n++)
            {
                w.Write(Slot(n));
                w.Write(isLive(n));
                w.Write((byte)Level(n));
            }

            for (var n = 0; n < count; n++)
            {
                WriteInts(w, Links(n, 0), 1 + MaxLinks0);
            }

            for (var n = 0; n < count; n++)
            {
                for (var l = 1; l <= Level(n); l++)
                {
                    WriteInts(w, Links(n, l), 1 + M);
                }
            }

            for (var n = 0; n < count; n++)
            {
                w.Write(new ReadOnlySpan<byte>(Row(n), RowBytes));
            }
        }

        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        stream.Write(body);
        Span<byte> sum = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(sum, Checksum(body));
        stream.Write(sum);
    }

    /// <summary>Reads a graph written by <see cref="Save"/>; also returns which nodes were live.</summary>
    /// <exception cref="InvalidDataException">Bad magic, unknown version or checksum mismatch.</exception>
    /// <remarks>
    /// A float graph's rows in the stream are skipped: <paramref name="vectors"/> already holds each
    /// slot's vector (the snapshot restores points into the same slots). Its capacity is raised to cover
    /// every node's slot, so a tombstone whose slot lies past the restored points reads a zero row.
    /// </remarks>
    public static (HnswGraph Graph, bool[] Live) Load(Stream stream, RowVectorStorage vectors)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var all = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (all.Length < 16)
        {
            throw new InvalidDataException("hnsw graph: truncated");
        }

        var body = all[..^8];
        if (Checksum(body) != BinaryPrimitives.ReadUInt64LittleEndian(all[^8..]))
        {
            throw new InvalidDataException("hnsw graph: checksum mismatch");
        }

        buffer.Position = 0;
        using var r = new BinaryReader(buffer, Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt64() != Magic)
        {
            throw new InvalidDataException("hnsw graph: not a graph (bad magic)");
        }

        var version = r.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"hnsw graph: format version {version}; this build reads {FormatVersion}");
        }

        var dimension = r.ReadInt32();
        var euclidean = r.ReadBoolean();
        var quantized = r.ReadBoolean();
        var m = r.ReadInt32();
        var efConstruct = r.ReadInt32();
        var offset = r.ReadSingle();
        var scale = r.ReadSingle();
        var seed = r.ReadUInt64();
        var count = r.ReadInt32();
        var entry = r.ReadInt32();
        var top = r.ReadInt32();
        var quantizer = quantized ? new Int8Quantizer(offset, scale) : null;
        var graph = Create(new HnswGraphOptions(dimension, euclidean, m, efConstruct, quantizer, seed), vectors);
        graph.Reserve(count);
        var live = new bool[count];
        var slots = new int[count];
        var levels = new int[count];
        for (var n = 0; n < count; n++)
        {
            slots[n] = r.ReadInt32();
            live[n] = r.ReadBoolean();
            levels[n] = r.ReadByte();
            if (slots[n] < 0)
            {
                throw new InvalidDataException($"hnsw graph: node {n} has slot {slots[n]}");
            }
        }

        vectors.Reserve(count == 0 ? 0 : slots.Max() + 1);

        var rowsStart = buffer.Position + (count * 4L * (1 + graph.MaxLinks0))
            + (levels.Sum(l => (long)l) * 4 * (1 + m));
        var row = new byte[graph.RowBytes];
        for (var n = 0; n < count; n++)
        {
            Array.Copy(buffer.GetBuffer(), rowsStart + ((long)n * graph.RowBytes), row, 0, row.Length);
            graph.AddRawNode(slots[n], 0, levels[n], row);
        }

        for (var n = 0; n < count; n++)
        {
            ReadInts(r, graph.Links(n, 0), 1 + graph.MaxLinks0);
        }

        for (var n = 0; n < count; n++)
        {
            for (var l = 1; l <= levels[n]; l++)
            {
                ReadInts(r, graph.Links(n, l), 1 + m);
            }
        }

        graph.SetEntry(entry, top);
        return (graph, live);
    }

    /// <summary>Sets a node's slot version (loads).</summary>
    public void SetVersion(int node, int version) => _ids.Row(node)[IdVersion] = version;

    /// <summary>FNV-1a over little-endian 64-bit words, the tail zero-padded.</summary>
    internal static ulong Checksum(ReadOnlySpan<byte> data)
    {
        const ulong Prime = 0x100000001B3UL;
        var hash = 0xCBF29CE484222325UL;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data[i..])) * Prime;
        }

        if (i < data.Length)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            data[i..].CopyTo(tail);
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(tail)) * Prime;
        }

        return hash ^ (ulong)data.Length;
    }

    private static void WriteInts(BinaryWriter w, int* values, int count)
    {
        for (var i = 0; i < count; i++)
        {
            w.Write(values[i]);
        }
    }

    private static void ReadInts(BinaryReader r, int* values, int count)
    {
        for (var i = 0; i < count; i++)
        {
            values[i] = r.ReadInt32();
        }
    }
}
