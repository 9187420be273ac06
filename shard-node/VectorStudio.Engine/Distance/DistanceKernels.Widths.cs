// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VectorStudio.Engine.Distance;

/// <summary>Width-specific kernels: each takes its bulk, then hands the rest to the next narrower one.</summary>
public static partial class DistanceKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot512(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var sum = 0f;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            var acc2 = Vector512<float>.Zero;
            var acc3 = Vector512<float>.Zero;
            for (; i + 64 <= n; i += 64)
            {
                acc0 = Vector512.MultiplyAddEstimate(
                    Vector512.LoadUnsafe(ref a, i + 0), Vector512.LoadUnsafe(ref b, i + 0), acc0);
                acc1 = Vector512.MultiplyAddEstimate(
                    Vector512.LoadUnsafe(ref a, i + 16), Vector512.LoadUnsafe(ref b, i + 16), acc1);
                acc2 = Vector512.MultiplyAddEstimate(
                    Vector512.LoadUnsafe(ref a, i + 32), Vector512.LoadUnsafe(ref b, i + 32), acc2);
                acc3 = Vector512.MultiplyAddEstimate(
                    Vector512.LoadUnsafe(ref a, i + 48), Vector512.LoadUnsafe(ref b, i + 48), acc3);
            }

            for (; i + 16 <= n; i += 16)
            {
                acc0 = Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref b, i), acc0);
            }

            sum = Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        return sum + Dot256(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot256(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            var acc2 = Vector256<float>.Zero;
            var acc3 = Vector256<float>.Zero;
            for (; i + 32 <= n; i += 32)
            {
                acc0 = Vector256.MultiplyAddEstimate(
                    Vector256.LoadUnsafe(ref a, i + 0), Vector256.LoadUnsafe(ref b, i + 0), acc0);
                acc1 = Vector256.MultiplyAddEstimate(
                    Vector256.LoadUnsafe(ref a, i + 8), Vector256.LoadUnsafe(ref b, i + 8), acc1);
                acc2 = Vector256.MultiplyAddEstimate(
                    Vector256.LoadUnsafe(ref a, i + 16), Vector256.LoadUnsafe(ref b, i + 16), acc2);
                acc3 = Vector256.MultiplyAddEstimate(
                    Vector256.LoadUnsafe(ref a, i + 24), Vector256.LoadUnsafe(ref b, i + 24), acc3);
            }

            for (; i + 8 <= n; i += 8)
            {
                acc0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), acc0);
            }

            sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        return sum + Dot128(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot128(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var sum = 0f;
        if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            var acc0 = Vector128<float>.Zero;
            var acc1 = Vector128<float>.Zero;
            var acc2 = Vector128<float>.Zero;
            var acc3 = Vector128<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                acc0 = Vector128.MultiplyAddEstimate(
                    Vector128.LoadUnsafe(ref a, i + 0), Vector128.LoadUnsafe(ref b, i + 0), acc0);
                acc1 = Vector128.MultiplyAddEstimate(
                    Vector128.LoadUnsafe(ref a, i + 4), Vector128.LoadUnsafe(ref b, i + 4), acc1);
                acc2 = Vector128.MultiplyAddEstimate(
                    Vector128.LoadUnsafe(ref a, i + 8), Vector128.LoadUnsafe(ref b, i + 8), acc2);
                acc3 = Vector128.MultiplyAddEstimate(
                    Vector128.LoadUnsafe(ref a, i + 12), Vector128.LoadUnsafe(ref b, i + 12), acc3);
            }

            for (; i + 4 <= n; i += 4)
            {
                acc0 = Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref a, i), Vector128.LoadUnsafe(ref b, i), acc0);
            }

            sum = Vector128.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        return sum + DotScalar(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DotScalar(ref float a, ref float b, int length)
    {
        var sum = 0f;
        for (var i = 0; i < length; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), sum);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2Sq512(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var sum = 0f;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var acc0 = Vector512<float>.Zero;
            var acc1 = Vector512<float>.Zero;
            var acc2 = Vector512<float>.Zero;
            var acc3 = Vector512<float>.Zero;
            for (; i + 64 <= n; i += 64)
            {
                var d0 = Vector512.LoadUnsafe(ref a, i + 0) - Vector512.LoadUnsafe(ref b, i + 0);
                acc0 = Vector512.MultiplyAddEstimate(d0, d0, acc0);
                var d1 = Vector512.LoadUnsafe(ref a, i + 16) - Vector512.LoadUnsafe(ref b, i + 16);
                acc1 = Vector512.MultiplyAddEstimate(d1, d1, acc1);
                var d2 = Vector512.LoadUnsafe(ref a, i + 32) - Vector512.LoadUnsafe(ref b, i + 32);
                acc2 = Vector512.MultiplyAddEstimate(d2, d2, acc2);
                var d3 = Vector512.LoadUnsafe(ref a, i + 48) - Vector512.LoadUnsafe(ref b, i + 48);
                acc3 = Vector512.MultiplyAddEstimate(d3, d3, acc3);
            }

            for (; i + 16 <= n; i += 16)
            {
                var d = Vector512.LoadUnsafe(ref a, i) - Vector512.LoadUnsafe(ref b, i);
                acc0 = Vector512.MultiplyAddEstimate(d, d, acc0);
            }

            sum = Vector512.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        return sum + L2Sq256(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2Sq256(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            var acc2 = Vector256<float>.Zero;
            var acc3 = Vector256<float>.Zero;
            for (; i + 32 <= n; i += 32)
            {
                var d0 = Vector256.LoadUnsafe(ref a, i + 0) - Vector256.LoadUnsafe(ref b, i + 0);
                acc0 = Vector256.MultiplyAddEstimate(d0, d0, acc0);
                var d1 = Vector256.LoadUnsafe(ref a, i + 8) - Vector256.LoadUnsafe(ref b, i + 8);
                acc1 = Vector256.MultiplyAddEstimate(d1, d1, acc1);
                var d2 = Vector256.LoadUnsafe(ref a, i + 16) - Vector256.LoadUnsafe(ref b, i + 16);
                acc2 = Vector256.MultiplyAddEstimate(d2, d2, acc2);
                var d3 = Vector256.LoadUnsafe(ref a, i + 24) - Vector256.LoadUnsafe(ref b, i + 24);
                acc3 = Vector256.MultiplyAddEstimate(d3, d3, acc3);
            }

            for (; i + 8 <= n; i += 8)
            {
                var d = Vector256.LoadUnsafe(ref a, i) - Vector256.LoadUnsafe(ref b, i);
                acc0 = Vector256.MultiplyAddEstimate(d, d, acc0);
            }

            sum = Vector256.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        return sum + L2Sq128(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2Sq128(ref float a, ref float b, int length)
    {
        nuint i = 0;
        var n = (nuint)length;
        var sum = 0f;
        if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            var acc0 = Vector128<float>.Zero;
            var acc1 = Vector128<float>.Zero;
            var acc2 = Vector128<float>.Zero;
            var acc3 = Vector128<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var d0 = Vector128.LoadUnsafe(ref a, i + 0) - Vector128.LoadUnsafe(ref b, i + 0);
                acc0 = Vector128.MultiplyAddEstimate(d0, d0, acc0);
                var d1 = Vector128.LoadUnsafe(ref a, i + 4) - Vector128.LoadUnsafe(ref b, i + 4);
                acc1 = Vector128.MultiplyAddEstimate(d1, d1, acc1);
                var d2 = Vector128.LoadUnsafe(ref a, i + 8) - Vector128.LoadUnsafe(ref b, i + 8);
                acc2 = Vector128.MultiplyAddEstimate(d2, d2, acc2);
                var d3 = Vector128.LoadUnsafe(ref a, i + 12) - Vector128.LoadUnsafe(ref b, i + 12);
                acc3 = Vector128.MultiplyAddEstimate(d3, d3, acc3);
            }

            for (; i + 4 <= n; i += 4)
            {
                var d = Vector128.LoadUnsafe(ref a, i) - Vector128.LoadUnsafe(ref b, i);
                acc0 = Vector128.MultiplyAddEstimate(d, d, acc0);
            }

            sum = Vector128.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        return sum + L2SqScalar(ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), (int)(n - i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float L2SqScalar(ref float a, ref float b, int length)
    {
        var sum = 0f;
        for (var i = 0; i < length; i++)
        {
            var d = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            sum = MathF.FusedMultiplyAdd(d, d, sum);
        }

        return sum;
    }
}
