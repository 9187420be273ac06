// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Hnsw;

/// <summary>Everything one traversal reuses: visited stamps, both heaps and neighbour buffers.</summary>
internal sealed class TraversalScratch
{
    public TraversalScratch(int capacity, int maxLinks)
    {
        Visited = new VisitedList(capacity);
        Links = new int[maxLinks + 1];
        Distances = new float[64];
        Nodes = new int[64];
    }

    public VisitedList Visited { get; }

    public DistanceHeap Candidates { get; } = new(worstFirst: false);

    public DistanceHeap Results { get; } = new(worstFirst: true);

    /// <summary>A copy of one node's link list (count first) taken before it is followed.</summary>
    public int[] Links { get; }

    public float[] Distances { get; private set; }

    public int[] Nodes { get; private set; }

    public long Bytes => Visited.Bytes + ((long)Distances.Length * 8);

    /// <summary>Makes <see cref="Distances"/> and <see cref="Nodes"/> hold at least <paramref name="count"/>.</summary>
    public void EnsureOutput(int count)
    {
        if (Distances.Length < count)
        {
            Distances = new float[count];
            Nodes = new int[count];
        }
    }
}
