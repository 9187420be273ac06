// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// Inner product and squared Euclidean distance of int8 codes, exact in 32-bit integers. Lengths are
/// multiples of <see cref="Padding"/> (codes are zero-padded, which adds nothing to either sum); codes
/// lie in −127..127 (the quantizer clamps there).
/// </summary>
/// <remarks>
/// <para>Dot, best first: AVX-VNNI <c>vpdpbusd</c> (<see cref="AvxVnni"/>, 256-bit; .NET 10 exposes no
/// 512-bit form of it for AVX512-VNNI CPUs, and <c>AvxVnniInt8</c>'s signed×signed <c>vpdpbssd</c> is
/// absent on this CPU), then AVX-512BW, AVX2, scalar. <c>vpdpbusd</c> multiplies <em>unsigned</em> bytes
/// by signed bytes, four products summed into each 32-bit lane. The offset trick: flipping the sign bit
/// of b gives the unsigned byte <c>u = b + 128</c>, so <c>Σ u·a = Σ a·b + 128·Σ a</c>; a second
/// <c>vpdpbusd</c> of all-ones bytes with a yields <c>Σ a</c>, and <c>a·b = Σ u·a − 128·Σ a</c>. Per 32
/// codes that is one XOR and two <c>vpdpbusd</c>, against four sign-extensions (all on one port),
/// two <c>vpmaddwd</c> and two adds per 64 codes on AVX-512BW.</para>
/// <para>Squared distance stays on AVX-512BW (widen to 16 bits, subtract, <c>vpmaddwd</c>): with
/// <c>vpdpbusd</c> it needs Σa², Σb² and the trick above, seven instructions per 32 codes, more than
/// the widening path. Sums cannot overflow: |code| ≤ 127, so a lane adds at most 4·255·127 per step and
/// the dimension limit (65,536) keeps every total below 2^31.</para>
/// </remarks>
internal static unsafe class Int8Kernels
{
    /// <summary>Code rows are padded to a multiple of this many bytes.</summary>
    public const int Padding = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(sbyte* a, sbyte* b, int length)
    {
        if (AvxVnni.IsSupported)
        {
            return DotVnni(a, b, length);
        }

        if (Avx512BW.IsSupported)
        {
            return DotAvx512(a, b, length);
        }

        if (Avx2.IsSupported)
        {
            return DotAvx2(a, b, length);
        }

        return DotScalar(a, b, length);
    }

    /// <summary>The AVX-VNNI path (see the class remarks for the unsigned×signed offset trick).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DotVnni(sbyte* a, sbyte* b, int length)
    {
        var signBit = Vector256.Create((sbyte)-128);
        var ones = Vector256.Create((byte)1);
        var dot0 = Vector256<int>.Zero;
        var dot1 = Vector256<int>.Zero;
        var sum0 = Vector256<int>.Zero;
        var sum1 = Vector256<int>.Zero;
        for (var i = 0; i < length; i += 64)
        {
            var a0 = Vector256.Load(a + i);
            var a1 = Vector256.Load(a + i + 32);
            var u0 = (Vector256.Load(b + i) ^ signBit).AsByte();
            var u1 = (Vector256.Load(b + i + 32) ^ signBit).AsByte();
            dot0 = AvxVnni.MultiplyWideningAndAdd(dot0, u0, a0);
            dot1 = AvxVnni.MultiplyWideningAndAdd(dot1, u1, a1);
            sum0 = AvxVnni.MultiplyWideningAndAdd(sum0, ones, a0);
            sum1 = AvxVnni.MultiplyWideningAndAdd(sum1, ones, a1);
        }

        return Vector256.Sum(dot0 + dot1) - (128 * Vector256.Sum(sum0 + sum1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DotAvx512(sbyte* a, sbyte* b, int length)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DotAvx2(sbyte* a, sbyte* b, int length)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SquaredEuclidean(sbyte* a, sbyte* b, int length)
    {
        if (Avx512BW.IsSupported)
        {
            return SquaredEuclideanAvx512(a, b, length);
        }

        if (Avx2.IsSupported)
        {
            return SquaredEuclideanAvx2(a, b, length);
        }

        return SquaredEuclideanScalar(a, b, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SquaredEuclideanAvx512(sbyte* a, sbyte* b, int length)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SquaredEuclideanAvx2(sbyte* a, sbyte* b, int length)
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
