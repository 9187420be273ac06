// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Hnsw;

/// <summary>The graph's algorithms, compiled once per space so the distance kernel is inlined.</summary>
internal sealed unsafe class HnswGraph<TSpace> : HnswGraph
    where TSpace : struct, IHnswSpace
{
    public HnswGraph(HnswGraphOptions options, RowVectorStorage vectors)
        : base(options, vectors)
    {
    }

    /// <summary>
    /// Cache lines of a row asked for ahead of its distance: all of a 128-d float row. Same-run A/Bs on
    /// clustered 100k × 128 put 4 and 8 lines ahead of 1 and 2; the hardware prefetcher takes over the
    /// rest of a longer row once its first lines are streaming.
    /// </summary>
    private const int PrefetchLines = 8;

    public override float Distance(byte* query, int node) => Dist(query, node);

    public override void Link(int node)
    {
        var level = Level(node);
        var (entry, top) = Entry;
        if (entry < 0 && TrySetFirstEntry(node, level))
        {
            return;
        }

        (entry, top) = Entry;
        var query = Row(node);
        var scratch = RentScratch();
        try
        {
            var current = entry;
            var currentDistance = Dist(query, current);
            for (var l = top; l > level; l--)
            {
                (current, currentDistance) = Greedy(query, current, currentDistance, l, scratch.Links);
            }

            for (var l = Math.Min(level, top); l >= 0; l--)
            {
                SearchLayer(query, current, currentDistance, Options.EfConstruct, l, scratch);
                scratch.EnsureOutput(scratch.Results.Count);
                var found = scratch.Results.DrainAscending(scratch.Distances, scratch.Nodes);
                current = scratch.Nodes[0];
                currentDistance = scratch.Distances[0];
                var kept = SelectNeighbors(scratch.Nodes.AsSpan(0, found), scratch.Distances.AsSpan(0, found), M);
                SetLinks(node, l, scratch.Nodes.AsSpan(0, kept));
                for (var i = 0; i < kept; i++)
                {
                    AddLink(scratch.Nodes[i], node, l);
                }
            }

            if (level > top)
            {
                TryRaiseEntry(node, level);
            }
        }
        finally
        {
            ReturnScratch(scratch);
        }
    }

    public override int Search(
        byte* query, int ef, NodeFilter filter, TraversalScratch scratch, CancellationToken cancellationToken)
    {
        var (entry, top) = Entry;
        if (entry < 0)
        {
            return 0;
        }

        var current = entry;
        var currentDistance = Dist(query, current);
        for (var l = top; l > 0; l--)
        {
            (current, currentDistance) = Greedy(query, current, currentDistance, l, scratch.Links);
        }

        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        var links = scratch.Links;
        visited.Reset(Count);
        candidates.Clear();
        results.Clear();
        visited.TryVisit(current);
        candidates.Push(currentDistance, current);
        if (filter.Accept(current))
        {
            results.Push(currentDistance, current);
        }

        var steps = 0;
        while (candidates.Count > 0)
        {
            // Stop once the nearest unexpanded candidate is farther than the worst of ef accepted
            // results; with fewer than ef accepted (a filter, deleted nodes) keep exploring.
            if (results.Count >= ef && candidates.TopDistance > results.TopDistance)
            {
                break;
            }

            var node = candidates.TopNode;
            candidates.Pop();
            if ((++steps & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var count = CollectUnvisited(node, 0, visited, links);
            for (var i = 0; i < count; i++)
            {
                var next = links[i];
                var distance = Dist(query, next);
                if (results.Count < ef || distance < results.TopDistance)
                {
                    candidates.Push(distance, next);
                    if (filter.Accept(next))
                    {
                        results.Push(distance, next);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }
                }
            }
        }

        scratch.EnsureOutput(results.Count);
        return results.DrainAscending(scratch.Distances, scratch.Nodes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Dist(byte* query, int node) => TSpace.Distance(query, Row(node), RowLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(int node)
    {
        if (Sse.IsSupported)
        {
            var row = Row(node);
            var end = row + Math.Min(RowBytes, PrefetchLines * 64);
            for (var p = row; p < end; p += 64)
            {
                Sse.Prefetch0(p);
            }
        }
    }

    /// <summary>
    /// Copies the not yet visited nodes of a link list into <paramref name="buffer"/>, marking them
    /// visited and asking for their rows, and returns how many. All the rows' cache misses are then in
    /// flight together before the first distance needs one, instead of one miss per distance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CollectUnvisited(int node, int level, VisitedList visited, int[] buffer)
    {
        var list = Links(node, level);
        var count = Math.Min(Volatile.Read(ref list[0]), level == 0 ? MaxLinks0 : M);
        var fresh = 0;
        for (var i = 1; i <= count; i++)
        {
            var next = list[i];
            if (visited.TryVisit(next))
            {
                buffer[fresh++] = next;
                Prefetch(next);
            }
        }

        return fresh;
    }

    /// <summary>Copies a link list (lock-free; see the class remarks) and returns its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CopyLinks(int node, int level, int[] buffer)
    {
        var list = Links(node, level);
        var count = Math.Min(Volatile.Read(ref list[0]), level == 0 ? MaxLinks0 : M);
        new ReadOnlySpan<int>(list + 1, count).CopyTo(buffer);
        return count;
    }

    /// <summary>Walks to ever closer neighbours on one level until none is closer.</summary>
    private (int Node, float Distance) Greedy(byte* query, int current, float distance, int level, int[] links)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            var count = CopyLinks(current, level, links);
            for (var i = 0; i < count; i++)
            {
                var d = Dist(query, links[i]);
                if (d < distance)
                {
                    distance = d;
                    current = links[i];
                    changed = true;
                }
            }
        }

        return (current, distance);
    }

    /// <summary>The ef nearest nodes on one level, every node accepted (linking).</summary>
    private void SearchLayer(byte* query, int entry, float entryDistance, int ef, int level, TraversalScratch scratch)
    {
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        var links = scratch.Links;
        visited.Reset(Count);
        candidates.Clear();
        results.Clear();
        visited.TryVisit(entry);
        candidates.Push(entryDistance, entry);
        results.Push(entryDistance, entry);
        while (candidates.Count > 0)
        {
            if (candidates.TopDistance > results.TopDistance && results.Count >= ef)
            {
                break;
            }

            var node = candidates.TopNode;
            candidates.Pop();
            var count = CollectUnvisited(node, level, visited, links);
            for (var i = 0; i < count; i++)
            {
                var next = links[i];
                var distance = Dist(query, next);
                if (results.Count < ef || distance < results.TopDistance)
                {
                    candidates.Push(distance, next);
                    results.Push(distance, next);
                    if (results.Count > ef)
                    {
                        results.Pop();
                    }
                }
            }
        }
    }

    /// <summary>
    /// The neighbour-selection heuristic: walking candidates nearest first, keep one only if it is
    /// closer to the base than to every neighbour kept so far, which spreads links across directions
    /// instead of spending them all inside one cluster. Compacts the kept ones to the front.
    /// </summary>
    private int SelectNeighbors(Span<int> nodes, Span<float> distances, int max)
    {
        if (nodes.Length < max)
        {
            return nodes.Length;
        }

        var kept = 0;
        for (var i = 0; i < nodes.Length && kept < max; i++)
        {
            var candidate = nodes[i];
            var row = Row(candidate);
            var good = true;
            for (var j = 0; j < kept; j++)
            {
                if (Dist(row, nodes[j]) < distances[i])
                {
                    good = false;
                    break;
                }
            }

            if (good)
            {
                nodes[kept] = candidate;
                distances[kept] = distances[i];
                kept++;
            }
        }

        return kept;
    }

    private void SetLinks(int node, int level, ReadOnlySpan<int> neighbours)
    {
        LockNode(node);
        try
        {
            var list = Links(node, level);
            neighbours.CopyTo(new Span<int>(list + 1, neighbours.Length));
            Volatile.Write(ref list[0], neighbours.Length);
        }
        finally
        {
            UnlockNode(node);
        }
    }

    /// <summary>Links <paramref name="node"/> back to <paramref name="added"/>, pruning a full list.</summary>
    [SkipLocalsInit]
    private void AddLink(int node, int added, int level)
    {
        var max = level == 0 ? MaxLinks0 : M;
        Span<int> nodes = stackalloc int[max + 1];
        Span<float> distances = stackalloc float[max + 1];
        LockNode(node);
        try
        {
            var list = Links(node, level);
            var count = list[0];
            if (count < max)
            {
                list[1 + count] = added;
                Volatile.Write(ref list[0], count + 1);
                return;
            }

            var row = Row(node);
            for (var i = 0; i <= count; i++)
            {
                var other = i < count ? list[1 + i] : added;
                var d = Dist(row, other);
                var j = i;
                while (j > 0 && distances[j - 1] > d)
                {
                    distances[j] = distances[j - 1];
                    nodes[j] = nodes[j - 1];
                    j--;
                }

                distances[j] = d;
                nodes[j] = other;
            }

            var kept = SelectNeighbors(nodes, distances, max);
            nodes[..kept].CopyTo(new Span<int>(list + 1, kept));
            Volatile.Write(ref list[0], kept);
        }
        finally
        {
            UnlockNode(node);
        }
    }
}
