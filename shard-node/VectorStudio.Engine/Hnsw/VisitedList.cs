// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// Which nodes one traversal has visited: a stamp per node compared with the current generation, so
/// starting a traversal costs one increment instead of clearing the array (it is cleared once every
/// 65,535 traversals when the 16-bit generation wraps).
/// </summary>
internal sealed class VisitedList
{
    private ushort[] _marks;
    private ushort _generation;

    public VisitedList(int capacity)
    {
        _marks = new ushort[Math.Max(64, capacity)];
    }

    public long Bytes => (long)_marks.Length * sizeof(ushort);

    public void Reset(int capacity)
    {
        if (capacity > _marks.Length)
        {
            _marks = new ushort[capacity + (capacity >> 2)];
            _generation = 0;
        }

        if (++_generation == 0)
        {
            Array.Clear(_marks);
            _generation = 1;
        }
    }

    /// <summary>Marks a node visited; returns false when it already was.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryVisit(int node)
    {
        var marks = _marks;
        if ((uint)node >= (uint)marks.Length)
        {
            // Concurrent inserts can link a node added after this traversal started.
            Grow(node);
            marks = _marks;
        }

        if (marks[node] == _generation)
        {
            return false;
        }

        marks[node] = _generation;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int node) => Array.Resize(ref _marks, node + 1 + (node >> 2));
}
