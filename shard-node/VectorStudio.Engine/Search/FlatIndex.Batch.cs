// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>The batch scan: blocks of the collection × groups of 8 queries × 32-vector tiles.</summary>
internal sealed partial class FlatIndex
{
    [SkipLocalsInit]
    private static unsafe void ScanBatch<TDistance>(
        IVectorStorageReader storage,
        SearchJob job,
        PackedQueries batch,
        TopK[] heaps,
        int wordStart,
        int wordEnd,
        CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var dimension = storage.Dimension;
        var shift = storage.ChunkShift;
        var localMask = (1 << shift) - 1;
        var wordsPerChunk = 1 << (shift - 6);
        var blockWords = Math.Max(1, BatchBlockBytes / (64 * dimension * sizeof(float)));
        var allowed = job.Allowed;
        var tile = stackalloc float[PanelKernels.BatchQueries * PanelKernels.BatchVectors];
        var keys = stackalloc float[PanelKernels.BatchVectors];
        for (var blockStart = wordStart; blockStart < wordEnd;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunkEnd = ((blockStart / wordsPerChunk) + 1) * wordsPerChunk;
            var blockEnd = Math.Min(Math.Min(wordEnd, blockStart + blockWords), chunkEnd);
            for (var g = 0; g < batch.Groups; g++)
            {
                var first = g * PanelKernels.BatchQueries;
                var queries = batch.Data + ((long)first * dimension);
                var count = Math.Min(PanelKernels.BatchQueries, job.QueryCount - first);
                for (var w = blockStart; w < blockEnd; w++)
                {
                    var bits = allowed.Word(w);
                    for (var half = 0; half < 2 && bits != 0; half++, bits >>= 32)
                    {
                        var live = (uint)bits;
                        if (live == 0)
                        {
                            continue;
                        }

                        var slot0 = (w << 6) + (half << 5);
                        var local = slot0 & localMask;
                        var chunk = slot0 >> shift;
                        PanelKernels.Batch8x2(
                            queries, storage.Panels(chunk) + ((long)(local >> 4) * dimension * 16), dimension, tile);
                        var norms = TDistance.IsEuclidean ? storage.Norms(chunk) + local : null;
                        for (var i = 0; i < count; i++)
                        {
                            Offer<TDistance>(
                                tile + (i * 32), norms, batch.QueryNorms[first + i], heaps[first + i], live, slot0, job.Predicate, keys);
                        }
                    }
                }
            }

            blockStart = blockEnd;
        }
    }

    /// <summary>Turns 32 inner products into keys and offers those that may beat the heap's bound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Offer<TDistance>(
        float* dots, float* norms, float queryNorm, TopK heap, uint live, int slot0, SlotPredicate? predicate, float* keys)
        where TDistance : struct, IDistance
    {
        uint mask;
        var bound = heap.Bound;
        if (Vector512.IsHardwareAccelerated)
        {
            var k0 = Vector512.Load(dots);
            var k1 = Vector512.Load(dots + 16);
            if (TDistance.IsEuclidean)
            {
                // −|q − v|² = 2·q·v − |v|² − |q|²
                var qn = Vector512.Create(queryNorm);
                k0 = Vector512.MultiplyAddEstimate(k0, Vector512.Create(2f), -(Vector512.Load(norms) + qn));
                k1 = Vector512.MultiplyAddEstimate(k1, Vector512.Create(2f), -(Vector512.Load(norms + 16) + qn));
            }

            var b = Vector512.Create(bound);
            mask = live & (uint)(Vector512.GreaterThanOrEqual(k0, b).ExtractMostSignificantBits()
                | (Vector512.GreaterThanOrEqual(k1, b).ExtractMostSignificantBits() << 16));
            if (mask == 0)
            {
                return;
            }

            k0.Store(keys);
            k1.Store(keys + 16);
        }
        else
        {
            mask = 0;
            for (var i = 0; i < 32; i++)
            {
                keys[i] = TDistance.IsEuclidean ? (2 * dots[i]) - (norms[i] + queryNorm) : dots[i];
                mask |= keys[i] >= bound ? 1u << i : 0;
            }

            mask &= live;
        }

        while (mask != 0)
        {
            var lane = BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            var slot = slot0 + lane;
            if (heap.WouldAccept(keys[lane], slot) && (predicate is null || predicate.Matches(slot)))
            {
                heap.TryPush(keys[lane], slot);
            }
        }
    }
}
