// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// A binary heap of (distance, node) whose root is the largest distance (<c>worstFirst</c>) or the
/// smallest: the traversal's result set and its candidate queue.
/// </summary>
internal sealed class DistanceHeap
{
    private readonly bool _worstFirst;
    private float[] _keys = new float[64];
    private int[] _nodes = new int[64];

    public DistanceHeap(bool worstFirst)
    {
        _worstFirst = worstFirst;
    }

    public int Count { get; private set; }

    public float TopDistance => _worstFirst ? _keys[0] : -_keys[0];

    public int TopNode => _nodes[0];

    public void Clear() => Count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(float distance, int node)
    {
        // Stored as a max-heap on the key: the distance itself, or its negation for nearest-first.
        var key = _worstFirst ? distance : -distance;
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] >= key)
            {
                break;
            }

            _keys[i] = _keys[parent];
            _nodes[i] = _nodes[parent];
            i = parent;
        }

        _keys[i] = key;
        _nodes[i] = node;
    }

    public void Pop()
    {
        var n = --Count;
        if (n == 0)
        {
            return;
        }

        var key = _keys[n];
        var node = _nodes[n];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && _keys[child + 1] > _keys[child])
            {
                child++;
            }

            if (_keys[child] <= key)
            {
                break;
            }

            _keys[i] = _keys[child];
            _nodes[i] = _nodes[child];
            i = child;
        }

        _keys[i] = key;
        _nodes[i] = node;
    }

    /// <summary>Empties the heap into the spans, nearest first; returns the count.</summary>
    public int DrainAscending(Span<float> distances, Span<int> nodes)
    {
        var count = Count;
        if (_worstFirst)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                distances[i] = TopDistance;
                nodes[i] = TopNode;
                Pop();
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                distances[i] = TopDistance;
                nodes[i] = TopNode;
                Pop();
            }
        }

        return count;
    }
}
