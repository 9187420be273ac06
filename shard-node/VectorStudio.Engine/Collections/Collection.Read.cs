// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Collections;

/// <summary>Get, count and scroll.</summary>
public sealed partial class Collection
{
    /// <summary>Reads points by id (1..10,000), in the order asked; missing ids are left out.</summary>
    public IReadOnlyList<RetrievedPoint> Get(IReadOnlyList<PointId> ids, bool withVectors, bool withPayload)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ValidateIds(ids, "get");
        EnterRead();
        try
        {
            var result = new List<RetrievedPoint>(ids.Count);
            foreach (var id in ids)
            {
                if (_points.TryGetSlot(id, out var slot))
                {
                    result.Add(Retrieve(slot, withVectors, withPayload));
                }
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Counts the points matching <paramref name="filter"/> (all points when null or empty).</summary>
    public long Count(Filter? filter = null)
    {
        EnterRead();
        try
        {
            if (filter is null || filter.IsEmpty)
            {
                return _points.Count;
            }

            FilterValidator.Validate(filter, _schema);
            return MatchingSlots(filter).LongCount();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// One page of the points matching <paramref name="filter"/> in id order (numeric ids before string
    /// ids), starting after <paramref name="after"/> (exclusive), at most <paramref name="limit"/>
    /// (1..10,000) points. Continue with the page's <see cref="ScrollPage.NextAfter"/>.
    /// </summary>
    public ScrollPage Scroll(Filter? filter, PointId? after, int limit, bool withVectors, bool withPayload)
    {
        if (limit is < 1 or > EngineLimits.MaxScrollBatch)
        {
            throw EngineException.InvalidArgument($"scroll limit is {limit}; accepted: 1..{EngineLimits.MaxScrollBatch}");
        }

        after?.Validate("scroll after");
        EnterRead();
        try
        {
            if (filter is { IsEmpty: true })
            {
                filter = null;
            }

            if (filter is not null)
            {
                FilterValidator.Validate(filter, _schema);
            }

            var planned = filter is null ? null : FilterPlanner.TryIndexPlan(
                filter, _payloadIndex, _points, _vectors.Live, FilterPlanner.ReadMaxFraction);
            var order = _points.SlotsInIdOrder(_vectors.Live);
            var page = new List<RetrievedPoint>(Math.Min(limit, 1024));
            for (var i = after is { } a ? FirstAfter(order, a) : 0; i < order.Length; i++)
            {
                var slot = order[i];
                var matches = filter is null
                    || (planned?.Contains(slot) ?? FilterEvaluator.Matches(filter, _points.Id(slot), _points.Payload(slot)));
                if (!matches)
                {
                    continue;
                }

                if (page.Count == limit)
                {
                    return new ScrollPage(page, page[^1].Id);
                }

                page.Add(Retrieve(slot, withVectors, withPayload));
            }

            return new ScrollPage(page, null);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private int FirstAfter(int[] order, PointId after)
    {
        int lo = 0, hi = order.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_points.Id(order[mid]).CompareTo(after) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private RetrievedPoint Retrieve(int slot, bool withVectors, bool withPayload)
    {
        float[]? vector = null;
        if (withVectors)
        {
            vector = new float[Dimension];
            _vectors.CopyVector(slot, vector);
        }

        return new RetrievedPoint(_points.Id(slot), vector, withPayload ? _points.Payload(slot) ?? EmptyPayload : null);
    }

    /// <summary>Live slots matching a validated, non-empty filter, through an index plan when it pays.</summary>
    private IEnumerable<int> MatchingSlots(Filter filter)
    {
        var planned = FilterPlanner.TryIndexPlan(filter, _payloadIndex, _points, _vectors.Live, FilterPlanner.ReadMaxFraction);
        return planned is not null
            ? planned.Enumerate()
            : _vectors.Live.Enumerate().Where(slot => FilterEvaluator.Matches(filter, _points.Id(slot), _points.Payload(slot)));
    }
}
