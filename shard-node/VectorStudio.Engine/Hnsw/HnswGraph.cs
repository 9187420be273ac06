// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// A hierarchical navigable small world graph (Malkov &amp; Yashunin). Float graphs traverse the
/// collection's <see cref="RowVectorStorage"/> in place (node → slot → row), so the collection holds one
/// float copy; quantized graphs own int8 code rows for traversal and re-score from that store. Nodes
/// are numbered densely from 0 in insertion order; each remembers
/// the collection slot and slot version it was built from, so a replaced or deleted point's node stays
/// in the graph (still traversed) while the index stops returning it.
/// </summary>
/// <remarks>
/// <para>A float graph's stale node reads its slot's <em>current</em> row: after an update (or a delete
/// and reuse of the slot) it is traversed at the new position with the links of the old one. It is
/// never returned, and the rebuild at <see cref="HnswIndex.RebuildFraction"/> tombstones bounds how many
/// such nodes a traversal meets; hnswlib's in-place update has the same transient effect.</para>
/// </remarks>
/// <remarks>
/// <para>Layout, all in <see cref="NodeArray{T}"/> chunks (no per-node objects):
/// int8 code rows when quantized (<see cref="RowBytes"/> per node); level-0 links (<c>1 + 2·M</c> ints per node: count, then
/// links); node ids (slot, version: the only per-node data a traversal reads besides rows and links,
/// kept dense so they stay in cache); node info (level, upper-link offset, lock word); upper links in one shared
/// pool (<c>level · (1 + M)</c> ints per node with a level above 0, about 1/M of the nodes).</para>
/// <para>Concurrency: <see cref="AddNode"/> is called by one thread at a time; <see cref="Link"/> from
/// several at once. A writer changes a link list only under that node's lock word and never holds two
/// locks, so linking cannot deadlock. Readers take no locks: a list may be read while it is rewritten,
/// but every entry it can hold is a node whose row was written before the entry was (the lock release
/// publishes it), so a torn read only yields a slightly different, still valid neighbour set.</para>
/// </remarks>
internal abstract unsafe partial class HnswGraph
{
    private const int IdSlot = 0;
    private const int IdVersion = 1;
    private const int InfoLevel = 0;
    private const int InfoUpper = 1;
    private const int InfoLock = 2;
    private const int MaxLevel = 16;

    private readonly NodeArray<byte>? _codes;
    private readonly RowVectorStorage _vectors;
    private readonly NodeArray<int> _links0;
    private readonly NodeArray<int> _ids = new(2);
    private readonly NodeArray<int> _info = new(3);
    private readonly NodeArray<int> _upper = new(1);
    private readonly ConcurrentBag<TraversalScratch> _scratch = [];
    private readonly object _entryGate = new();
    private readonly double _levelMultiplier;
    private readonly ulong _seed;
    private int _count;
    private int _upperUsed;

    // The entry point and the top level, packed so readers see a consistent pair: (level << 32) | node.
    private long _entry = -1;

    protected HnswGraph(HnswGraphOptions options, RowVectorStorage vectors)
    {
        _vectors = vectors;
        Options = options;
        Dimension = options.Dimension;
        M = options.M;
        MaxLinks0 = 2 * options.M;
        RowLength = options.Quantizer is null
            ? options.Dimension
            : (options.Dimension + Int8Kernels.Padding - 1) / Int8Kernels.Padding * Int8Kernels.Padding;
        RowBytes = options.Quantizer is null ? RowLength * sizeof(float) : RowLength;
        _codes = options.Quantizer is null ? null : new NodeArray<byte>(RowBytes);
        _links0 = new NodeArray<int>(1 + MaxLinks0);
        _levelMultiplier = 1 / Math.Log(options.M);
        _seed = options.Seed;
    }

    public HnswGraphOptions Options { get; }

    public int Dimension { get; }

    /// <summary>Elements per row: the dimension (floats) or the padded code length (int8).</summary>
    public int RowLength { get; }

    public int RowBytes { get; }

    public int M { get; }

    public int MaxLinks0 { get; }

    public Int8Quantizer? Quantizer => Options.Quantizer;

    /// <summary>Nodes added (some may still be linking).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The float vectors: the collection's store, read by slot.</summary>
    public RowVectorStorage Vectors => _vectors;

    /// <summary>Bytes of int8 codes, links, node ids and info and traversal scratch (float rows are the store's).</summary>
    public long Bytes =>
        (_codes?.Bytes ?? 0) + _ids.Bytes + _links0.Bytes + _info.Bytes + _upper.Bytes + _scratch.Sum(s => s.Bytes);

    /// <summary>Creates an empty graph for the metric and quantization the options name.</summary>
    public static HnswGraph Create(HnswGraphOptions options, RowVectorStorage vectors) =>
        (options.Euclidean, options.Quantizer is null) switch
        {
            (true, true) => new HnswGraph<FloatL2Space>(options, vectors),
            (false, true) => new HnswGraph<FloatIpSpace>(options, vectors),
            (true, false) => new HnswGraph<Int8L2Space>(options, vectors),
            (false, false) => new HnswGraph<Int8IpSpace>(options, vectors),
        };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Slot(int node) => _ids.Row(node)[IdSlot];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Version(int node) => _ids.Row(node)[IdVersion];

    public int Level(int node) => _info.Row(node)[InfoLevel];

    /// <summary>
    /// The row traversal compares: the node's int8 codes, or its slot's floats in the store, found
    /// through the dense id array (8 bytes a node, mostly cache-resident). The same line then serves the
    /// filter's slot and version check, so a neighbour costs one miss for its row and no other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Row(int node) => _codes is { } codes ? codes.Row(node) : (byte*)_vectors.Row(_ids.Row(node)[IdSlot]);

    /// <summary>The float vector of a node's slot in the store (re-scoring).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float* FloatRow(int node) => _vectors.Row(_ids.Row(node)[IdSlot]);

    /// <summary>The link list of a node on a level: count, then up to M (2·M on level 0) nodes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int* Links(int node, int level) =>
        level == 0 ? _links0.Row(node) : _upper.Row(_info.Row(node)[InfoUpper] + ((level - 1) * (M + 1)));

    /// <summary>
    /// Adds a node for a slot already written to the store (its codes are encoded from it when
    /// quantized); <see cref="Link"/> links it.
    /// </summary>
    public int AddNode(int slot, int version)
    {
        var node = _count;
        Reserve(node + 1);
        if (Quantizer is { } quantizer)
        {
            quantizer.Encode(_vectors.Vector(slot), new Span<sbyte>(_codes!.Row(node), RowLength));
        }

        return Publish(node, slot, version, LevelOf(node));
    }

    /// <summary>
    /// Adds a node whose row is already in the graph's format (rebuilds and loads). A float graph
    /// ignores the row: it reads the slot's row in the store.
    /// </summary>
    public int AddRawNode(int slot, int version, int level, ReadOnlySpan<byte> row)
    {
        var node = _count;
        Reserve(node + 1);
        if (_codes is not null)
        {
            row.CopyTo(new Span<byte>(_codes.Row(node), RowBytes));
        }

        return Publish(node, slot, version, level);
    }

    /// <summary>Reserves room for <paramref name="nodes"/> nodes in total, so later adds allocate once.</summary>
    public void Reserve(int nodes)
    {
        _codes?.EnsureRows(nodes);
        _ids.EnsureRows(nodes);
        _links0.EnsureRows(nodes);
        _info.EnsureRows(nodes);
    }

    /// <summary>The entry point and top level; node −1 while the graph is empty.</summary>
    public (int Node, int Level) Entry
    {
        get
        {
            var entry = Volatile.Read(ref _entry);
            return entry < 0 ? (-1, -1) : ((int)(uint)entry, (int)(entry >> 32));
        }
    }

    /// <summary>Sets the entry point (loads).</summary>
    public void SetEntry(int node, int level) =>
        Volatile.Write(ref _entry, node < 0 ? -1 : ((long)level << 32) | (uint)node);

    /// <summary>Links an added node into the graph; safe to call for different nodes concurrently.</summary>
    public abstract void Link(int node);

    /// <summary>
    /// The <paramref name="ef"/> nearest accepted nodes to <paramref name="query"/> (a row in the
    /// graph's format) into <see cref="TraversalScratch.Distances"/> and <see cref="TraversalScratch.Nodes"/>,
    /// nearest first; returns how many. Nodes the filter rejects are traversed but not returned.
    /// </summary>
    public abstract int Search(
        byte* query, int ef, NodeFilter filter, TraversalScratch scratch, CancellationToken cancellationToken);

    /// <summary>The distance between a query row and a node, in the graph's space.</summary>
    public abstract float Distance(byte* query, int node);

    public TraversalScratch RentScratch()
    {
        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new TraversalScratch(Count, MaxLinks0);
        }

        return scratch;
    }

    public void ReturnScratch(TraversalScratch scratch) => _scratch.Add(scratch);

    /// <summary>Locks a node's link lists (a spin lock in its info row; held for microseconds).</summary>
    protected void LockNode(int node)
    {
        ref var word = ref _info.Row(node)[InfoLock];
        if (Interlocked.CompareExchange(ref word, 1, 0) == 0)
        {
            return;
        }

        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref word, 1, 0) != 0)
        {
            spin.SpinOnce();
        }
    }

    protected void UnlockNode(int node) => Volatile.Write(ref _info.Row(node)[InfoLock], 0);

    /// <summary>Makes <paramref name="node"/> the entry point of an empty graph; false when one exists.</summary>
    protected bool TrySetFirstEntry(int node, int level)
    {
        lock (_entryGate)
        {
            if (Entry.Node >= 0)
            {
                return false;
            }

            SetEntry(node, level);
            return true;
        }
    }

    /// <summary>Makes <paramref name="node"/> the entry point if its level tops the current one.</summary>
    protected bool TryRaiseEntry(int node, int level)
    {
        lock (_entryGate)
        {
            var (current, top) = Entry;
            if (current >= 0 && level <= top)
            {
                return false;
            }

            SetEntry(node, level);
            return true;
        }
    }

    /// <summary>
    /// A node's level: ⌊−ln(u)·mL⌋ with mL = 1/ln(M), u drawn from a hash of the seed and the node
    /// number, so a build is reproducible whatever order threads link in.
    /// </summary>
    private int LevelOf(int node)
    {
        var x = _seed + ((ulong)node * 0x9E3779B97F4A7C15UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        var u = ((x >> 11) + 1) * (1.0 / (1UL << 53));
        return Math.Min(MaxLevel, (int)(-Math.Log(u) * _levelMultiplier));
    }

    private int Publish(int node, int slot, int version, int level)
    {
        var ids = _ids.Row(node);
        ids[IdSlot] = slot;
        ids[IdVersion] = version;
        var info = _info.Row(node);
        info[InfoLevel] = level;
        if (level > 0)
        {
            var length = level * (M + 1);
            var offset = UpperBlock(length);
            new Span<int>(_upper.Row(offset), length).Clear();
            info[InfoUpper] = offset;
        }

        _links0.Row(node)[0] = 0;
        Volatile.Write(ref _count, node + 1);
        return node;
    }

    /// <summary>Takes <paramref name="length"/> contiguous ints from the upper-link pool, within one chunk.</summary>
    private int UpperBlock(int length)
    {
        while (true)
        {
            var start = _upperUsed;
            var end = start + length;
            _upper.EnsureRows(end);
            if (_upper.Row(end - 1) - _upper.Row(start) == length - 1)
            {
                _upperUsed = end;
                return start;
            }

            // The block would straddle two chunks: start again at the chunk holding its end.
            var k = BitOperations.Log2((uint)((end - 1) >> 6) + 1);
            _upperUsed = ((1 << k) - 1) << 6;
        }
    }
}
