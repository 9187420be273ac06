// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// Inner product and squared Euclidean distance of int8 codes, exact in 32-bit integers. Lengths are
/// multiples of <see cref="Padding"/> (codes are zero-padded, which adds nothing to either sum).
/// </summary>
/// <remarks>
/// AVX-512BW widens 32 codes to 16-bit lanes and uses <c>vpmaddwd</c> (multiply pairs, add adjacent
/// into 32-bit lanes); AVX2 does the same 16 codes at a time; a scalar loop covers the rest. Sums
/// cannot overflow: |code| ≤ 127, so one lane adds at most 2·254² per step and the dimension limit
/// (65,536) keeps the total below 2^31.
/// </remarks>
internal static unsafe class Int8Kernels
{
    /// <summary>Code rows are padded to a multiple of this many bytes.</summary>
    public const int Padding = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(sbyte* a, sbyte* b, int length)
    {
        if (Avx512BW.IsSupported)
        {
            var acc0 = Vector512<int>.Zero;
            var acc1 = Vector512<int>.Zero;
            for (var i = 0; i < length; i += 64)
            {
                var a0 = Avx512BW.ConvertToVector512Int16(Vector256.Load(a + i));
                var b0 = Avx512BW.ConvertToVector512Int16(Vector256.Load(b + i));
                var a1 = Avx512BW.ConvertToVector512Int16(Vector256.Load(a + i + 32));
                var b1 = Avx512BW.ConvertToVector512Int16(Vector256.Load(b + i + 32));
                acc0 += Avx512BW.MultiplyAddAdjacent(a0, b0);
                acc1 += Avx512BW.MultiplyAddAdjacent(a1, b1);
            }

            return Vector512.Sum(acc0 + acc1);
        }

        if (Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (var i = 0; i < length; i += 16)
            {
                var a0 = Avx2.ConvertToVector256Int16(Vector128.Load(a + i));
                var b0 = Avx2.ConvertToVector256Int16(Vector128.Load(b + i));
                acc += Avx2.MultiplyAddAdjacent(a0, b0);
            }

            return Vector256.Sum(acc);
        }

        return DotScalar(a, b, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SquaredEuclidean(sbyte* a, sbyte* b, int length)
    {
        if (Avx512BW.IsSupported)
        {
            var acc0 = Vector512<int>.Zero;
            var acc1 = Vector512<int>.Zero;
            for (var i = 0; i < length; i += 64)
            {
                var d0 = Avx512BW.ConvertToVector512Int16(Vector256.Load(a + i))
                    - Avx512BW.ConvertToVector512Int16(Vector256.Load(b + i));
                var d1 = Avx512BW.ConvertToVector512Int16(Vector256.Load(a + i + 32))
                    - Avx512BW.ConvertToVector512Int16(Vector256.Load(b + i + 32));
                acc0 += Avx512BW.MultiplyAddAdjacent(d0, d0);
                acc1 += Avx512BW.MultiplyAddAdjacent(d1, d1);
            }

            return Vector512.Sum(acc0 + acc1);
        }

        if (Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (var i = 0; i < length; i += 16)
            {
                var d = Avx2.ConvertToVector256Int16(Vector128.Load(a + i))
                    - Avx2.ConvertToVector256Int16(Vector128.Load(b + i));
                acc += Avx2.MultiplyAddAdjacent(d, d);
            }

            return Vector256.Sum(acc);
        }

        return SquaredEuclideanScalar(a, b, length);
    }

    public static int DotScalar(sbyte* a, sbyte* b, int length)
    {
        var sum = 0;
        for (var i = 0; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    public static int SquaredEuclideanScalar(sbyte* a, sbyte* b, int length)
    {
        var sum = 0;
        for (var i = 0; i < length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
