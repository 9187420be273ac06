// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// Search: which path answers, and the graph traversal with re-scoring.
/// </summary>
/// <remarks>
/// The flat index answers when the caller asks for exact search, when the collection is tiny, when a
/// filter's index plan already narrowed the candidates to a small explicit set, and when a filter
/// checked inline matches less than <see cref="Filtering.FilterPlanner.SearchMaxFraction"/> of a sample of
/// live points: the graph would then wander through many rejected nodes to find k matches. Otherwise
/// the graph is traversed with max(ef, k) and rejected nodes are walked through but not returned; a
/// query that still finds fewer than k acceptable nodes is answered again exactly, so a filter never
/// yields fewer than min(k, matches) results.
/// </remarks>
internal sealed unsafe partial class HnswIndex
{
    /// <summary>Collections with fewer live points are scanned exactly: it is as fast and exact.</summary>
    public const int FlatBelow = 256;

    /// <summary>Live points sampled to estimate how much of the collection an inline filter keeps.</summary>
    public const int FilterSample = 256;

    /// <summary>Candidates re-scored with floats per result, when traversal ran on int8 codes.</summary>
    public const int RescoreFactor = 4;

    public void Search<TDistance>(IVectorStorageReader storage, SearchJob job, CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var graph = Volatile.Read(ref _graph);
        if (job.Exact || graph is null || storage.LiveCount < FlatBelow || !ReferenceEquals(job.Allowed, storage.Live)
            || (job.Predicate is not null
                && FilterFraction(storage, job.Predicate) < Filtering.FilterPlanner.SearchMaxFraction))
        {
            _flat.Search<TDistance>(storage, job, cancellationToken);
            return;
        }

        var ef = Math.Max(job.Ef > 0 ? job.Ef : _options.Ef, job.K);
        if (graph.Quantizer is not null)
        {
            ef = Math.Max(ef, job.K * RescoreFactor);
        }

        var filter = new NodeFilter(graph, _versions, job.Allowed, job.Predicate);
        var heaps = job.CreateHeaps();
        var shortOf = new bool[job.QueryCount];
        if (job.QueryCount == 1 || job.MaxThreads == 1)
        {
            for (var q = 0; q < job.QueryCount; q++)
            {
                shortOf[q] = SearchOne<TDistance>(graph, job, q, ef, filter, heaps[q], cancellationToken);
            }
        }
        else
        {
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = job.MaxThreads,
                CancellationToken = cancellationToken,
            };
            Parallel.For(0, job.QueryCount, options, q =>
                shortOf[q] = SearchOne<TDistance>(graph, job, q, ef, filter, heaps[q], cancellationToken));
        }

        for (var q = 0; q < job.QueryCount; q++)
        {
            if (shortOf[q])
            {
                heaps[q] = Exact<TDistance>(storage, job, q, cancellationToken);
            }
        }

        job.Results = heaps;
    }

    /// <summary>One query through the graph into <paramref name="heap"/>; true when it found fewer than k.</summary>
    [SkipLocalsInit]
    private bool SearchOne<TDistance>(
        HnswGraph graph,
        SearchJob job,
        int q,
        int ef,
        NodeFilter filter,
        TopK heap,
        CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var query = job.Query(q);
        var scratch = graph.RentScratch();
        try
        {
            int found;
            if (graph.Quantizer is { } quantizer)
            {
                var codes = graph.RowLength <= 4096 ? stackalloc sbyte[graph.RowLength] : new sbyte[graph.RowLength];
                codes.Clear();
                quantizer.Encode(query, codes);
                fixed (sbyte* row = codes)
                {
                    found = graph.Search((byte*)row, ef, filter, scratch, cancellationToken);
                }

                Rescore<TDistance>(graph, query, scratch, Math.Min(found, job.K * RescoreFactor), heap);
            }
            else
            {
                fixed (float* row = query)
                {
                    found = graph.Search((byte*)row, ef, filter, scratch, cancellationToken);
                }

                for (var i = 0; i < found; i++)
                {
                    // Graph distances are the negated keys (squared distance, negated inner product).
                    heap.TryPush(-scratch.Distances[i], graph.Slot(scratch.Nodes[i]));
                }
            }

            return found < job.K;
        }
        finally
        {
            graph.ReturnScratch(scratch);
        }
    }

    /// <summary>
    /// Scores the best <paramref name="count"/> int8 candidates with the stored floats: each is one
    /// contiguous row of the store (a few whole cache lines), read by the contiguous kernels.
    /// </summary>
    private static void Rescore<TDistance>(
        HnswGraph graph, ReadOnlySpan<float> query, TraversalScratch scratch, int count, TopK heap)
        where TDistance : struct, IDistance
    {
        var dimension = query.Length;
        for (var i = 0; i < count; i++)
        {
            var node = scratch.Nodes[i];
            if (i + 1 < count)
            {
                PrefetchRow(graph.FloatRow(scratch.Nodes[i + 1]), dimension);
            }

            var row = new ReadOnlySpan<float>(graph.FloatRow(node), dimension);
            var key = TDistance.IsEuclidean
                ? -DistanceKernels.SquaredEuclidean(query, row)
                : DistanceKernels.Dot(query, row);
            heap.TryPush(key, graph.Slot(node));
        }
    }

    /// <summary>Asks for a row's cache lines ahead of the kernel that reads it.</summary>
    private static void PrefetchRow(float* row, int dimension)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var end = (byte*)(row + dimension);
        for (var p = (byte*)row; p < end; p += 64)
        {
            Sse.Prefetch0(p);
        }
    }

    /// <summary>One query answered exactly by the flat index.</summary>
    private TopK Exact<TDistance>(
        IVectorStorageReader storage, SearchJob job, int q, CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var query = job.Query(q).ToArray();
        var single = new SearchJob(query, 1, job.K, job.ThresholdKey, job.Allowed, job.Predicate, job.Order)
        {
            MaxThreads = job.MaxThreads,
            Exact = true,
        };
        _flat.Search<TDistance>(storage, single, cancellationToken);
        return single.Results[0];
    }

    /// <summary>The fraction of a spread sample of live points that the inline filter matches.</summary>
    private static double FilterFraction(IVectorStorageReader storage, SlotPredicate predicate)
    {
        var live = storage.Live;
        var step = Math.Max(1, storage.SlotCount / FilterSample);
        int sampled = 0, matched = 0;
        for (var slot = 0; slot < storage.SlotCount && sampled < FilterSample; slot += step)
        {
            if (live.Contains(slot))
            {
                sampled++;
                matched += predicate.Matches(slot) ? 1 : 0;
            }
        }

        return sampled == 0 ? 0 : (double)matched / sampled;
    }
}
