// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// The HNSW index of one collection: an <see cref="HnswGraph"/> kept current through the write hooks,
/// searched with ef, falling back to the exact <see cref="FlatIndex"/> where the graph cannot promise
/// the right answer (see <c>HnswIndex.Search.cs</c>).
/// </summary>
/// <remarks>
/// <para>Vectors: the index reads the collection's <see cref="RowVectorStorage"/> (already written when a
/// hook runs) and keeps no float copy of its own; a quantized graph adds one int8 code row per node.</para>
/// <para>Writes: the hooks run under the collection's write lock and only record the point (slot and
/// version); <see cref="Flush"/> runs after the lock is released and links the
/// recorded points with up to <c>threads</c> threads, so searches (read lock) proceed while the graph
/// grows. Each slot has a version bumped by every upsert and delete; a node carries the version it was
/// built from, and only nodes whose version is current are returned. Replaced and deleted points thus
/// stay in the graph as traversable tombstones until a rebuild drops them.</para>
/// <para>Rebuild: once tombstones pass <see cref="RebuildFraction"/> of the nodes, a background task
/// builds a fresh graph from the current nodes and swaps it in with one reference write. Searches keep
/// using whichever graph they started with; flushes wait for the rebuild (it holds the maintenance
/// lock), so an upsert during a rebuild returns when the rebuild is done.</para>
/// <para>Lock order: collection lock → maintenance lock → pending lock. Flush and rebuild take the
/// maintenance lock without the collection lock.</para>
/// </remarks>
internal sealed unsafe partial class HnswIndex : IVectorIndex
{
    /// <summary>Tombstones per node that start a rebuild.</summary>
    public const double RebuildFraction = 0.25;

    /// <summary>Graphs below this many nodes are never rebuilt (a flat fallback covers tiny ones).</summary>
    public const int MinRebuildNodes = 512;

    private readonly IndexOptions _options;
    private readonly RowVectorStorage _vectors;
    private readonly int _dimension;
    private readonly bool _euclidean;
    private readonly int _threads;
    private readonly FlatIndex _flat;
    private readonly object _maintenance = new();
    private readonly object _pendingGate = new();
    private readonly SlotBitset _represented = new();
    private List<PendingPoint> _pending = [];
    private HnswGraph? _graph;
    private int[] _versions = new int[64];
    private int _stale;
    private Task _rebuild = Task.CompletedTask;

    public HnswIndex(RowVectorStorage vectors, bool euclidean, IndexOptions options, EngineOptions engine)
    {
        _vectors = vectors;
        _dimension = vectors.Dimension;
        _euclidean = euclidean;
        _options = options.WithDefaults();
        _threads = Math.Max(1, engine.IndexThreads);
        _flat = new FlatIndex(engine.ParallelScanMinFloats);
    }

    public IndexKind Kind => IndexKind.Hnsw;

    public long IndexBytes
    {
        get
        {
            // A pending record is one small object (slot, version) plus its list entry.
            var pending = Volatile.Read(ref _pending).Count * 40L;
            return (Volatile.Read(ref _graph)?.Bytes ?? 0) + ((long)_versions.Length * sizeof(int))
                + (_represented.Capacity / 8) + pending;
        }
    }

    /// <summary>The graph searches use now (null before the first flush).</summary>
    internal HnswGraph? Graph => Volatile.Read(ref _graph);

    /// <summary>Each slot's current version (a node is returned only when it carries it).</summary>
    internal int[] Versions => Volatile.Read(ref _versions);

    /// <summary>Nodes that are tombstones (replaced or deleted points), approximately.</summary>
    internal int Tombstones => Volatile.Read(ref _stale);

    /// <summary>The running or last background rebuild.</summary>
    internal Task RebuildTask => _rebuild;

    public void OnUpsert(int slot, ReadOnlySpan<float> vector)
    {
        var version = NextVersion(slot);
        if (_represented.Contains(slot))
        {
            Interlocked.Increment(ref _stale);
        }
        else
        {
            _represented.Add(slot);
        }

        lock (_pendingGate)
        {
            _pending.Add(new PendingPoint(slot, version));
        }
    }

    public void OnDelete(int slot)
    {
        NextVersion(slot);
        if (_represented.Contains(slot))
        {
            _represented.Remove(slot);
            Interlocked.Increment(ref _stale);
        }

        MaybeStartRebuild();
    }

    /// <summary>Links every recorded point into the graph; called without the collection lock.</summary>
    public void Flush()
    {
        lock (_maintenance)
        {
            _graph ??= CreateGraph(PeekPending());
            Insert(_graph, TakePending());
        }

        MaybeStartRebuild();
    }

    /// <summary>Rebuilds the graph from its current nodes now, on the caller's thread.</summary>
    internal void Compact()
    {
        lock (_maintenance)
        {
            Rebuild();
        }
    }

    private void MaybeStartRebuild()
    {
        var graph = Volatile.Read(ref _graph);
        if (graph is null || graph.Count < MinRebuildNodes || Volatile.Read(ref _stale) < graph.Count * RebuildFraction)
        {
            return;
        }

        lock (_pendingGate)
        {
            if (_rebuild.IsCompleted)
            {
                _rebuild = Task.Run(() =>
                {
                    lock (_maintenance)
                    {
                        Rebuild();
                    }
                });
            }
        }
    }

    /// <summary>Builds a new graph from the current nodes and pending points, then swaps it in.</summary>
    private void Rebuild()
    {
        var old = _graph;
        if (old is null)
        {
            return;
        }

        var staleAtStart = Volatile.Read(ref _stale);
        var fresh = HnswGraph.Create(old.Options, _vectors);
        var versions = Volatile.Read(ref _versions);
        var nodes = new List<int>();
        for (var n = 0; n < old.Count; n++)
        {
            var slot = old.Slot(n);
            if (slot < versions.Length && Volatile.Read(ref versions[slot]) == old.Version(n))
            {
                var row = new ReadOnlySpan<byte>(old.Row(n), old.RowBytes);
                nodes.Add(fresh.AddRawNode(slot, old.Version(n), old.Level(n), row));
            }
        }

        LinkAll(fresh, nodes);
        Insert(fresh, TakePending());
        Volatile.Write(ref _graph, fresh);
        Interlocked.Add(ref _stale, -staleAtStart);
    }

    private HnswGraph CreateGraph(IReadOnlyList<PendingPoint> first)
    {
        var quantizer = _options.Int8Quantization
            ? Int8Quantizer.Fit(_vectors, first.Select(p => p.Slot), centred: _euclidean)
            : null;
        return HnswGraph.Create(
            new HnswGraphOptions(_dimension, _euclidean, _options.M, _options.EfConstruct, quantizer), _vectors);
    }

    private void Insert(HnswGraph graph, List<PendingPoint> points)
    {
        var versions = Volatile.Read(ref _versions);
        var nodes = new List<int>(points.Count);
        graph.Reserve(graph.Count + points.Count);
        foreach (var point in points)
        {
            // A point replaced or deleted before it was linked is skipped (its successor is pending too).
            if (Volatile.Read(ref versions[point.Slot]) == point.Version)
            {
                nodes.Add(graph.AddNode(point.Slot, point.Version));
            }
        }

        LinkAll(graph, nodes);
    }

    private void LinkAll(HnswGraph graph, List<int> nodes)
    {
        if (_threads == 1 || nodes.Count < 64)
        {
            foreach (var node in nodes)
            {
                graph.Link(node);
            }

            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads };
        Parallel.For(0, nodes.Count, options, i => graph.Link(nodes[i]));
    }

    private List<PendingPoint> PeekPending()
    {
        lock (_pendingGate)
        {
            return [.. _pending];
        }
    }

    private List<PendingPoint> TakePending()
    {
        lock (_pendingGate)
        {
            var taken = _pending;
            _pending = [];
            return taken;
        }
    }

    /// <summary>Bumps a slot's version (under the collection's write lock).</summary>
    private int NextVersion(int slot)
    {
        EnsureVersionSlot(slot);
        var version = _versions[slot] + 1;
        Volatile.Write(ref _versions[slot], version);
        return version;
    }

    private void EnsureVersionSlot(int slot)
    {
        if (slot >= _versions.Length)
        {
            var grown = new int[Math.Max(slot + 1, _versions.Length * 2)];
            _versions.CopyTo(grown, 0);
            Volatile.Write(ref _versions, grown);
        }
    }
}
