// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>
/// Exact search: scores every allowed slot. On panel storage (flat collections) one query scans with
/// <see cref="PanelKernels.Single4"/>; a batch scans cache-sized blocks of the collection once per block
/// with the 8×32 register tile of <see cref="PanelKernels.Batch8x2"/>, every query group reusing the
/// block while it sits in L2. On row storage (HNSW collections: exact requests and filtered fallbacks)
/// each query scores the allowed rows one by one (<c>FlatIndex.Rows.cs</c>).
/// </summary>
/// <remarks>
/// Large scans split the slot range into parts scored in parallel, each with its own heaps, merged at
/// the end; a scan smaller than <see cref="DefaultMinFloatsPerThread"/> floats per thread stays on the caller's
/// thread. The scan checks the cancellation token once per block.
/// </remarks>
internal sealed partial class FlatIndex : IVectorIndex
{
    /// <summary>
    /// Floats scored per thread before a second thread pays off (about 1 ms of single-core work; a
    /// parallel loop costs tens of microseconds to start).
    /// </summary>
    public const long DefaultMinFloatsPerThread = 2L << 20;

    private readonly long _minFloatsPerThread;

    public FlatIndex(long minFloatsPerThread = DefaultMinFloatsPerThread)
    {
        _minFloatsPerThread = Math.Max(1, minFloatsPerThread);
    }

    /// <summary>Collection bytes per batch block: with the packed queries it stays within a 2 MiB L2.</summary>
    public const int BatchBlockBytes = 512 << 10;

    public IndexKind Kind => IndexKind.Flat;

    public long IndexBytes => 0;

    public void OnUpsert(int slot, ReadOnlySpan<float> vector)
    {
    }

    public void OnDelete(int slot)
    {
    }

    public void Flush()
    {
    }

    public void Search<TDistance>(IVectorStorageReader storage, SearchJob job, CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        if (storage is not IPanelStorageReader panels)
        {
            SearchRows<TDistance>((IRowStorageReader)storage, job, cancellationToken);
            return;
        }

        var words = SlotBitset.WordCount(storage.SlotCount);
        var work = (long)storage.LiveCount * storage.Dimension * Math.Max(1, job.QueryCount / 8);
        var threads = (int)Math.Clamp(work / _minFloatsPerThread, 1, Math.Max(1, job.MaxThreads));
        threads = Math.Min(threads, Math.Max(1, words));
        var batch = job.QueryCount > 1 ? new PackedQueries(job, TDistance.IsEuclidean) : null;
        if (threads == 1)
        {
            var heaps = job.CreateHeaps();
            Scan<TDistance>(panels, job, batch, heaps, 0, words, cancellationToken);
            job.Results = heaps;
        }
        else
        {
            job.Results = ScanParallel<TDistance>(panels, job, batch, words, threads, cancellationToken);
        }

        if (batch is not null && TDistance.IsEuclidean)
        {
            Rescore(storage, job);
        }
    }

    private static TopK[] ScanParallel<TDistance>(
        IPanelStorageReader storage,
        SearchJob job,
        PackedQueries? batch,
        int words,
        int threads,
        CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        // A few parts per thread even out chunks that are mostly deleted or filtered away.
        var parts = Math.Min(words, threads * 4);
        var merged = job.CreateHeaps();
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            parts,
            options,
            job.CreateHeaps,
            (part, _, heaps) =>
            {
                var start = (int)((long)words * part / parts);
                var end = (int)((long)words * (part + 1) / parts);
                Scan<TDistance>(storage, job, batch, heaps, start, end, cancellationToken);
                return heaps;
            },
            heaps =>
            {
                lock (gate)
                {
                    for (var i = 0; i < heaps.Length; i++)
                    {
                        merged[i].MergeFrom(heaps[i]);
                    }
                }
            });
        return merged;
    }

    private static void Scan<TDistance>(
        IPanelStorageReader storage,
        SearchJob job,
        PackedQueries? batch,
        TopK[] heaps,
        int wordStart,
        int wordEnd,
        CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        if (batch is null)
        {
            ScanSingle<TDistance>(storage, job, heaps[0], wordStart, wordEnd, cancellationToken);
        }
        else
        {
            ScanBatch<TDistance>(storage, job, batch, heaps, wordStart, wordEnd, cancellationToken);
        }
    }

    /// <summary>
    /// Replaces batch keys (from <c>2·q·v − |v|² − |q|²</c>, which loses precision when the distance is
    /// small next to the norms) by exact squared distances, then drops hits past the threshold.
    /// </summary>
    private static void Rescore(IVectorStorageReader storage, SearchJob job)
    {
        var vector = new float[storage.Dimension];
        for (var q = 0; q < job.QueryCount; q++)
        {
            var old = job.Results[q].ToSortedArray();
            var heap = new TopK(job.K, job.ThresholdKey, job.Order);
            foreach (var (_, slot) in old)
            {
                storage.CopyVector(slot, vector);
                heap.TryPush(-DistanceKernels.SquaredEuclidean(job.Query(q), vector), slot);
            }

            job.Results[q] = heap;
        }
    }
}
