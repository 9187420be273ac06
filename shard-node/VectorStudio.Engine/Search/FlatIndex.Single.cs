// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Search;

/// <summary>The one-query scan.</summary>
internal sealed partial class FlatIndex
{
    [SkipLocalsInit]
    private static unsafe void ScanSingle<TDistance>(
        IPanelStorageReader storage,
        SearchJob job,
        TopK heap,
        int wordStart,
        int wordEnd,
        CancellationToken cancellationToken)
        where TDistance : struct, IDistance
    {
        var dimension = storage.Dimension;
        var shift = storage.ChunkShift;
        var localMask = (1 << shift) - 1;
        var allowed = job.Allowed;
        var predicate = job.Predicate;
        var keys = stackalloc float[64];
        fixed (float* query = job.Queries)
        {
            for (var w = wordStart; w < wordEnd; w++)
            {
                if ((w & 15) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var bits = allowed.Word(w);
                if (bits == 0)
                {
                    continue;
                }

                var slot0 = w << 6;
                var local = slot0 & localMask;
                var panels = storage.Panels(slot0 >> shift) + ((long)(local >> 4) * dimension * 16);
                PanelKernels.Single4(query, panels, dimension, TDistance.IsEuclidean, keys);

                // Euclidean kernels return squared distances: key = −d², so key ≥ bound ⇔ d² ≤ −bound.
                var mask = bits & Mask64(keys, heap.Bound, TDistance.IsEuclidean);
                while (mask != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    var key = TDistance.IsEuclidean ? -keys[lane] : keys[lane];
                    var slot = slot0 + lane;
                    if (heap.WouldAccept(key, slot) && (predicate is null || predicate.Matches(slot)))
                    {
                        heap.TryPush(key, slot);
                    }
                }
            }
        }
    }

    /// <summary>Bit i set when value i (of 64) may beat <paramref name="bound"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong Mask64(float* values, float bound, bool negated)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ulong mask = 0;
            for (var i = 0; i < 4; i++)
            {
                var v = Vector512.Load(values + (i * 16));
                var hit = negated
                    ? Vector512.LessThanOrEqual(v, Vector512.Create(-bound))
                    : Vector512.GreaterThanOrEqual(v, Vector512.Create(bound));
                mask |= hit.ExtractMostSignificantBits() << (i * 16);
            }

            return mask;
        }

        ulong result = 0;
        for (var i = 0; i < 64; i++)
        {
            var hit = negated ? values[i] <= -bound : values[i] >= bound;
            result |= hit ? 1UL << i : 0;
        }

        return result;
    }
}
