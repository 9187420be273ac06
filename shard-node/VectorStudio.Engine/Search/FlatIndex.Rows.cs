// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>
/// The exact scan over row storage: each query walks the allowed slots and scores each row with the
/// contiguous kernels. HNSW collections only come here for exact requests, tiny collections and
/// filters that keep few points, so this favours simplicity over the panel path's register tiles;
/// a batch runs its queries in parallel.
/// </summary>
internal sealed partial class FlatIndex
{
    private void SearchRows<TDistance>(IRowStorageReader storage, SearchJob job, CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var heaps = job.CreateHeaps();
        var words = SlotBitset.WordCount(storage.SlotCount);
        var work = (long)storage.LiveCount * storage.Dimension * job.QueryCount;
        var threads = (int)Math.Clamp(work / _minFloatsPerThread, 1, Math.Max(1, job.MaxThreads));
        if (threads == 1 || job.QueryCount == 1)
        {
            for (var q = 0; q < job.QueryCount; q++)
            {
                ScanRows<TDistance>(storage, job, q, heaps[q], words, cancellationToken);
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
            Parallel.For(0, job.QueryCount, options, q =>
                ScanRows<TDistance>(storage, job, q, heaps[q], words, cancellationToken));
        }

        job.Results = heaps;
    }

    private static void ScanRows<TDistance>(
        IRowStorageReader storage, SearchJob job, int q, TopK heap, int words, CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var query = job.Query(q);
        var allowed = job.Allowed;
        var predicate = job.Predicate;
        for (var w = 0; w < words; w++)
        {
            if ((w & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var bits = allowed.Word(w);
            while (bits != 0)
            {
                var slot = (w << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var row = storage.Vector(slot);
                var key = TDistance.IsEuclidean
                    ? -DistanceKernels.SquaredEuclidean(query, row)
                    : DistanceKernels.Dot(query, row);
                if (heap.WouldAccept(key, slot) && (predicate is null || predicate.Matches(slot)))
                {
                    heap.TryPush(key, slot);
                }
            }
        }
    }
}
