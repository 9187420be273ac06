// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// Which nodes a search may return: the node must be its slot's current version (not replaced or
/// deleted since it was built), the slot must be allowed (live, or in a filter's index plan), and a
/// filter left to check must match. Checked only for nodes that would enter the result set.
/// </summary>
internal sealed class NodeFilter
{
    private readonly HnswGraph _graph;
    private readonly int[] _versions;
    private readonly SlotBitset _allowed;
    private readonly SlotPredicate? _predicate;

    public NodeFilter(HnswGraph graph, int[] versions, SlotBitset allowed, SlotPredicate? predicate)
    {
        _graph = graph;
        _versions = versions;
        _allowed = allowed;
        _predicate = predicate;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(int node)
    {
        var slot = _graph.Slot(node);
        return (uint)slot < (uint)_versions.Length
            && _versions[slot] == _graph.Version(node)
            && _allowed.Contains(slot)
            && (_predicate is null || _predicate.Matches(slot));
    }
}
