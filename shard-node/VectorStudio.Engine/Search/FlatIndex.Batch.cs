// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>
/// The batch scan. For each block of the collection (about <see cref="BatchBlockBytes"/>), for each
/// slice of <see cref="SliceElements"/> elements, for each 32-vector tile, every group of 8 queries adds
/// its slice of inner products to the tile's sums; then the block's sums become keys offered to the
/// heaps. The block stays in L2 and a tile's slice in L1 while all query groups use it.
/// </summary>
internal sealed partial class FlatIndex
{
    /// <summary>Elements per slice: two panels' slice is 16 KiB, leaving L1 room for the query slices.</summary>
    public const int SliceElements = 128;

    [SkipLocalsInit]
    private static unsafe void ScanBatch<TDistance>(
        IPanelStorageReader storage,
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
        var groups = batch.Groups;
        var tileFloats = PanelKernels.BatchQueries * PanelKernels.BatchVectors;

        // The block's sums (1 KiB per tile and group) stay within 256 KiB so they share L2 with the block.
        blockWords = Math.Max(1, Math.Min(blockWords, (256 << 10) / (groups * 2 * tileFloats * sizeof(float))));
        var sums = new float[(long)groups * blockWords * 2 * tileFloats];
        var keys = stackalloc float[PanelKernels.BatchVectors];
        fixed (float* tiles = sums)
        {
            for (var blockStart = wordStart; blockStart < wordEnd;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunkEnd = ((blockStart / wordsPerChunk) + 1) * wordsPerChunk;
                var blockEnd = Math.Min(Math.Min(wordEnd, blockStart + blockWords), chunkEnd);

                // Elements in slices: a slice of two panels stays in L1 while every query group passes.
                for (var first = 0; first < dimension; first += SliceElements)
                {
                    var count = Math.Min(SliceElements, dimension - first);
                    for (var w = blockStart; w < blockEnd; w++)
                    {
                        var bits = allowed.Word(w);
                        for (var half = 0; half < 2; half++)
                        {
                            if ((uint)(bits >> (half * 32)) == 0)
                            {
                                continue;
                            }

                            var slot0 = (w << 6) + (half << 5);
                            var panels = storage.Panels(slot0 >> shift) + ((long)((slot0 & localMask) >> 4) * dimension * 16);
                            var tile = tiles + ((long)((((w - blockStart) * 2) + half) * groups) * tileFloats);
                            for (var g = 0; g < groups; g++)
                            {
                                PanelKernels.Batch8x2(
                                    batch.Data + ((long)g * PanelKernels.BatchQueries * dimension),
                                    panels,
                                    dimension,
                                    first,
                                    count,
                                    tile + (g * tileFloats),
                                    accumulate: first > 0);
                            }
                        }
                    }
                }

                for (var w = blockStart; w < blockEnd; w++)
                {
                    var bits = allowed.Word(w);
                    for (var half = 0; half < 2; half++)
                    {
                        var live = (uint)(bits >> (half * 32));
                        if (live == 0)
                        {
                            continue;
                        }

                        var slot0 = (w << 6) + (half << 5);
                        var norms = TDistance.IsEuclidean ? storage.Norms(slot0 >> shift) + (slot0 & localMask) : null;
                        var tile = tiles + ((long)((((w - blockStart) * 2) + half) * groups) * tileFloats);
                        for (var q = 0; q < job.QueryCount; q++)
                        {
                            var dots = tile + ((q / PanelKernels.BatchQueries) * tileFloats) + ((q % PanelKernels.BatchQueries) * 32);
                            Offer<TDistance>(dots, norms, batch.QueryNorms[q], heaps[q], live, slot0, job.Predicate, keys);
                        }
                    }
                }

                blockStart = blockEnd;
            }
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
