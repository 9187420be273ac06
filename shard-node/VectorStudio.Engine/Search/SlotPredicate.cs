// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Search;

/// <summary>
/// A per-slot condition a scan checks lazily: only for a candidate that would enter a result heap, so
/// a filter evaluated during the scan costs one evaluation per contender, not one per point.
/// </summary>
internal abstract class SlotPredicate
{
    public abstract bool Matches(int slot);
}
