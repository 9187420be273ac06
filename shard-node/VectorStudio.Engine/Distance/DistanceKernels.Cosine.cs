// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Distance;

/// <summary>
/// Cosine similarity of two arbitrary vectors in one pass: the inner product and both squared norms
/// accumulate together, so each element is loaded once (three separate dot products read the data
/// three times and lose to TensorPrimitives.CosineSimilarity). Search never needs this: stored and
/// query vectors of cosine collections are unit length, so it runs the dot kernel.
/// </summary>
public static partial class DistanceKernels
{
    /// <summary>The cosine similarity of two vectors of equal length; 0 when either is zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Cosine(a, b, BestWidth);

    /// <summary>The cosine similarity computed starting at <paramref name="width"/> (tests, benchmarks).</summary>
    internal static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimdWidth width)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(a.Length, b.Length);
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var parts = width switch
        {
            SimdWidth.Vector512 => Cosine512(ref pa, ref pb, a.Length),
            SimdWidth.Vector256 => Cosine256(ref pa, ref pb, a.Length),
            SimdWidth.Vector128 => Cosine128(ref pa, ref pb, a.Length),
            SimdWidth.Scalar => CosineScalar(ref pa, ref pb, a.Length),
        };
        var denominator = MathF.Sqrt(parts.NormA * parts.NormB);
        return denominator > 0 ? parts.Dot / denominator : 0f;
    }

    private static CosineParts Cosine512(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            // Four independent chains per sum (12 accumulators) keep both FMA ports busy despite the
            // 4-cycle FMA latency.
            Vector512<float> dot0 = default, dot1 = default, dot2 = default, dot3 = default;
            Vector512<float> aa0 = default, aa1 = default, aa2 = default, aa3 = default;
            Vector512<float> bb0 = default, bb1 = default, bb2 = default, bb3 = default;
            for (; i + 64 <= n; i += 64)
            {
                var x0 = Vector512.LoadUnsafe(ref a, i);
                var y0 = Vector512.LoadUnsafe(ref b, i);
                var x1 = Vector512.LoadUnsafe(ref a, i + 16);
                var y1 = Vector512.LoadUnsafe(ref b, i + 16);
                var x2 = Vector512.LoadUnsafe(ref a, i + 32);
                var y2 = Vector512.LoadUnsafe(ref b, i + 32);
                var x3 = Vector512.LoadUnsafe(ref a, i + 48);
                var y3 = Vector512.LoadUnsafe(ref b, i + 48);
                dot0 = Vector512.MultiplyAddEstimate(x0, y0, dot0);
                aa0 = Vector512.MultiplyAddEstimate(x0, x0, aa0);
                bb0 = Vector512.MultiplyAddEstimate(y0, y0, bb0);
                dot1 = Vector512.MultiplyAddEstimate(x1, y1, dot1);
                aa1 = Vector512.MultiplyAddEstimate(x1, x1, aa1);
                bb1 = Vector512.MultiplyAddEstimate(y1, y1, bb1);
                dot2 = Vector512.MultiplyAddEstimate(x2, y2, dot2);
                aa2 = Vector512.MultiplyAddEstimate(x2, x2, aa2);
                bb2 = Vector512.MultiplyAddEstimate(y2, y2, bb2);
                dot3 = Vector512.MultiplyAddEstimate(x3, y3, dot3);
                aa3 = Vector512.MultiplyAddEstimate(x3, x3, aa3);
                bb3 = Vector512.MultiplyAddEstimate(y3, y3, bb3);
            }

            dot0 += dot2;
            dot1 += dot3;
            aa0 += aa2;
            aa1 += aa3;
            bb0 += bb2;
            bb1 += bb3;
            for (; i + 16 <= n; i += 16)
            {
                var x = Vector512.LoadUnsafe(ref a, i);
                var y = Vector512.LoadUnsafe(ref b, i);
                dot0 = Vector512.MultiplyAddEstimate(x, y, dot0);
                aa0 = Vector512.MultiplyAddEstimate(x, x, aa0);
                bb0 = Vector512.MultiplyAddEstimate(y, y, bb0);
            }

            if (i < n)
            {
                // The tail: re-load the last 16 elements and zero the lanes already counted, instead
                // of cascading through narrower widths (which costs more than the work at small n).
                var x = Vector512.LoadUnsafe(ref a, n - 16);
                var y = Vector512.LoadUnsafe(ref b, n - 16);
                var keep = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(16 - (int)(n - i))).AsSingle();
                x &= keep;
                y &= keep;
                dot0 = Vector512.MultiplyAddEstimate(x, y, dot0);
                aa0 = Vector512.MultiplyAddEstimate(x, x, aa0);
                bb0 = Vector512.MultiplyAddEstimate(y, y, bb0);
            }

            return new CosineParts(Vector512.Sum(dot0 + dot1), Vector512.Sum(aa0 + aa1), Vector512.Sum(bb0 + bb1));
        }

        return Cosine256(ref a, ref b, length);
    }

    private static CosineParts Cosine256(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var parts = default(CosineParts);
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<float> dot = default, aa = default, bb = default;
            for (; i + 8 <= n; i += 8)
            {
                var x = Vector256.LoadUnsafe(ref a, i);
                var y = Vector256.LoadUnsafe(ref b, i);
                dot = Vector256.MultiplyAddEstimate(x, y, dot);
                aa = Vector256.MultiplyAddEstimate(x, x, aa);
                bb = Vector256.MultiplyAddEstimate(y, y, bb);
            }

            parts = new CosineParts(Vector256.Sum(dot), Vector256.Sum(aa), Vector256.Sum(bb));
        }

        return parts + Cosine128(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    private static CosineParts Cosine128(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var parts = default(CosineParts);
        if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            Vector128<float> dot = default, aa = default, bb = default;
            for (; i + 4 <= n; i += 4)
            {
                var x = Vector128.LoadUnsafe(ref a, i);
                var y = Vector128.LoadUnsafe(ref b, i);
                dot = Vector128.MultiplyAddEstimate(x, y, dot);
                aa = Vector128.MultiplyAddEstimate(x, x, aa);
                bb = Vector128.MultiplyAddEstimate(y, y, bb);
            }

            parts = new CosineParts(Vector128.Sum(dot), Vector128.Sum(aa), Vector128.Sum(bb));
        }

        return parts + CosineScalar(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    private static CosineParts CosineScalar(ref float a, ref float b, int length)
    {
        float dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < length; i++)
        {
            var x = Unsafe.Add(ref a, i);
            var y = Unsafe.Add(ref b, i);
            dot += x * y;
            aa += x * x;
            bb += y * y;
        }

        return new CosineParts(dot, aa, bb);
    }

    private readonly record struct CosineParts(float Dot, float NormA, float NormB)
    {
        public static CosineParts operator +(CosineParts left, CosineParts right) =>
            new(left.Dot + right.Dot, left.NormA + right.NormA, left.NormB + right.NormB);
    }
}
