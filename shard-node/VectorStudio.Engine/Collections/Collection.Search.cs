// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Search;

namespace VectorStudio.Engine.Collections;

/// <summary>Search.</summary>
public sealed partial class Collection
{
    /// <summary>
    /// Searches a batch of 1..1,024 queries; one hit list per query, in the queries' order, each best
    /// first with ties broken by id. A filter is applied during the scan, so each list holds
    /// min(k, matching points) hits (fewer only when <paramref name="scoreThreshold"/> cuts it).
    /// </summary>
    /// <param name="queries">Vectors of the collection's dimension with finite components.</param>
    /// <param name="k">Hits per query, 1..10,000.</param>
    /// <param name="filter">Only matching points are returned; null or empty matches all.</param>
    /// <param name="scoreThreshold">Cosine and dot: only scores ≥ it; Euclid: only distances ≤ it.</param>
    /// <param name="withVectors">Return each hit's stored vector.</param>
    /// <param name="withPayload">Return each hit's payload.</param>
    /// <param name="searchParams">Index tuning; the flat index ignores ef and is always exact.</param>
    /// <param name="cancellationToken">Checked between blocks of the scan; cancellation throws Cancelled.</param>
    public IReadOnlyList<IReadOnlyList<ScoredPoint>> Search(
        IReadOnlyList<ReadOnlyMemory<float>> queries,
        int k,
        Filter? filter = null,
        float? scoreThreshold = null,
        bool withVectors = false,
        bool withPayload = false,
        SearchParams? searchParams = null,
        CancellationToken cancellationToken = default)
    {
        var prepared = PrepareQueries(queries);
        ValidateSearch(k, scoreThreshold, searchParams);
        if (filter is { IsEmpty: true })
        {
            filter = null;
        }

        EnterRead();
        try
        {
            if (filter is not null)
            {
                FilterValidator.Validate(filter, _schema);
            }

            var job = Config.Metric switch
            {
                DistanceMetric.Cosine => Run<CosineDistance>(prepared, queries.Count, k, filter, scoreThreshold, searchParams, cancellationToken),
                DistanceMetric.Dot => Run<DotDistance>(prepared, queries.Count, k, filter, scoreThreshold, searchParams, cancellationToken),
                DistanceMetric.Euclid => Run<EuclideanDistance>(prepared, queries.Count, k, filter, scoreThreshold, searchParams, cancellationToken),
            };
            return Hits(job, withVectors, withPayload);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw EngineException.Cancelled($"search in collection '{Name}' was cancelled", e);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private SearchJob Run<TDistance>(
        float[] queries,
        int queryCount,
        int k,
        Filter? filter,
        float? scoreThreshold,
        SearchParams? searchParams,
        CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var allowed = _vectors.Live;
        SlotPredicate? predicate = null;
        if (filter is not null)
        {
            var planned = FilterPlanner.TryIndexPlan(filter, _payloadIndex, _points, allowed, FilterPlanner.SearchMaxFraction);
            if (planned is not null)
            {
                allowed = planned;
            }
            else
            {
                predicate = new FilterPredicate(filter, _points, _vectors.SlotCount, remember: queryCount > 1);
            }
        }

        var thresholdKey = scoreThreshold is { } t ? TDistance.ScoreToKey(t) : float.NegativeInfinity;
        var job = new SearchJob(queries, queryCount, k, thresholdKey, allowed, predicate, _points)
        {
            MaxThreads = Math.Max(1, _options.SearchThreads),
            Ef = searchParams?.HnswEf ?? 0,
            Exact = searchParams?.Exact ?? false,
        };
        _index.Search<TDistance>(_vectors, job, cancellationToken);
        return job;
    }

    private IReadOnlyList<ScoredPoint>[] Hits(SearchJob job, bool withVectors, bool withPayload)
    {
        var results = new IReadOnlyList<ScoredPoint>[job.QueryCount];
        for (var q = 0; q < job.QueryCount; q++)
        {
            var sorted = job.Results[q].ToSortedArray();
            var hits = new ScoredPoint[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var (key, slot) = sorted[i];
                var score = Config.Metric switch
                {
                    DistanceMetric.Cosine => CosineDistance.KeyToScore(key),
                    DistanceMetric.Dot => DotDistance.KeyToScore(key),
                    DistanceMetric.Euclid => EuclideanDistance.KeyToScore(key),
                };
                var point = Retrieve(slot, withVectors, withPayload);
                hits[i] = new ScoredPoint(point.Id, score, point.Vector, point.Payload);
            }

            results[q] = hits;
        }

        return results;
    }

    /// <summary>Copies the queries into one array, normalised for cosine.</summary>
    private float[] PrepareQueries(IReadOnlyList<ReadOnlyMemory<float>> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count is 0 or > EngineLimits.MaxQueries)
        {
            throw EngineException.InvalidArgument($"search has {queries.Count} queries; accepted: 1..{EngineLimits.MaxQueries}");
        }

        var prepared = new float[(long)queries.Count * Dimension];
        for (var q = 0; q < queries.Count; q++)
        {
            var query = queries[q].Span;
            if (query.Length != Dimension)
            {
                throw EngineException.InvalidArgument(
                    $"query {q} has dimension {query.Length}; collection '{Name}' expects {Dimension}");
            }

            ValidateFinite(query, $"query {q}");
            var target = prepared.AsSpan(q * Dimension, Dimension);
            query.CopyTo(target);
            if (Config.Metric == DistanceMetric.Cosine)
            {
                DistanceKernels.Normalize(target);
            }
        }

        return prepared;
    }

    private static void ValidateSearch(int k, float? scoreThreshold, SearchParams? searchParams)
    {
        if (k is < 1 or > EngineLimits.MaxLimit)
        {
            throw EngineException.InvalidArgument($"search limit is {k}; accepted: 1..{EngineLimits.MaxLimit}");
        }

        if (scoreThreshold is { } t && float.IsNaN(t))
        {
            throw EngineException.InvalidArgument("score threshold is NaN; accepted: a number");
        }

        if (searchParams is { HnswEf: not 0 and (< 1 or > EngineLimits.MaxHnswEf) })
        {
            throw EngineException.InvalidArgument(
                $"hnsw_ef is {searchParams.HnswEf}; accepted: 1..{EngineLimits.MaxHnswEf} (0 for the collection's ef)");
        }
    }
}
