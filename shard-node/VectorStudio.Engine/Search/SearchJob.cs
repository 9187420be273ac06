// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>
/// One search as an index sees it: prepared queries (normalised for cosine), k, which slots may be
/// returned, and the result heaps it fills.
/// </summary>
internal sealed class SearchJob
{
    public SearchJob(
        float[] queries,
        int queryCount,
        int k,
        float thresholdKey,
        SlotBitset allowed,
        SlotPredicate? predicate,
        ISlotOrder order)
    {
        Queries = queries;
        QueryCount = queryCount;
        Dimension = queries.Length / queryCount;
        K = k;
        ThresholdKey = thresholdKey;
        Allowed = allowed;
        Predicate = predicate;
        Order = order;
    }

    /// <summary>The queries, row after row.</summary>
    public float[] Queries { get; }

    public int QueryCount { get; }

    public int Dimension { get; }

    public int K { get; }

    /// <summary>Keys below this are never returned (the score threshold as a key; −∞ when unset).</summary>
    public float ThresholdKey { get; }

    /// <summary>Slots that may be returned: the live set, or live points a filter's index plan kept.</summary>
    public SlotBitset Allowed { get; }

    /// <summary>A filter checked during the scan for contenders only; null when none is left to check.</summary>
    public SlotPredicate? Predicate { get; }

    public ISlotOrder Order { get; }

    /// <summary>Most threads one search may use.</summary>
    public int MaxThreads { get; init; } = 1;

    /// <summary>HNSW candidate list size (0: the collection's default); the flat index ignores it.</summary>
    public int Ef { get; init; }

    /// <summary>Whether the caller asked to skip approximate indexes.</summary>
    public bool Exact { get; init; }

    /// <summary>One heap per query, best results of the search; filled by the index.</summary>
    public TopK[] Results { get; set; } = [];

    /// <summary>Empty heaps, one per query.</summary>
    public TopK[] CreateHeaps()
    {
        var heaps = new TopK[QueryCount];
        for (var i = 0; i < heaps.Length; i++)
        {
            heaps[i] = new TopK(K, ThresholdKey, Order);
        }

        return heaps;
    }

    public ReadOnlySpan<float> Query(int index) => Queries.AsSpan(index * Dimension, Dimension);
}
