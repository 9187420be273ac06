// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Search;

/// <summary>Per-search tuning.</summary>
/// <param name="HnswEf">HNSW candidate list size, 1..4096; 0 uses the collection's ef.</param>
/// <param name="Exact">Skip approximate indexes and score every candidate.</param>
public sealed record SearchParams(int HnswEf = 0, bool Exact = false)
{
    public static SearchParams Default { get; } = new();
}
