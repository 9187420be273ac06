// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>
/// A filter checked during a scan. With several queries the same slot can be asked about more than
/// once, so answers are remembered; parallel scan parts own disjoint slot ranges, so the memo needs no
/// synchronisation.
/// </summary>
internal sealed class FilterPredicate : SlotPredicate
{
    private const byte Unknown = 0;
    private const byte Yes = 1;
    private const byte No = 2;

    private readonly Filter _filter;
    private readonly PointTable _points;
    private readonly byte[]? _memo;

    public FilterPredicate(Filter filter, PointTable points, int slotCount, bool remember)
    {
        _filter = filter;
        _points = points;
        _memo = remember ? new byte[slotCount] : null;
    }

    public override bool Matches(int slot)
    {
        if (_memo is null)
        {
            return FilterEvaluator.Matches(_filter, _points.Id(slot), _points.Payload(slot));
        }

        var known = _memo[slot];
        if (known == Unknown)
        {
            known = FilterEvaluator.Matches(_filter, _points.Id(slot), _points.Payload(slot)) ? Yes : No;
            _memo[slot] = known;
        }

        return known == Yes;
    }
}
