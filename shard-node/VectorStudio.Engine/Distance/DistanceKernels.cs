// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Distance;

/// <summary>
/// Distance kernels over contiguous vectors: inner product and squared Euclidean distance.
/// </summary>
/// <remarks>
/// Each kernel cascades: the widest accelerated vector type takes the bulk with four independent
/// accumulators (hiding FMA latency) and hands the remainder to the next narrower type, down to a
/// scalar tail. Below 16 floats the 512-bit loop never runs, so short vectors pay no setup. The
/// width-forcing overloads exist for the SIMD-equals-scalar tests and the benchmarks.
/// </remarks>
public static partial class DistanceKernels
{
    /// <summary>The widest width this machine accelerates.</summary>
    internal static SimdWidth BestWidth { get; } =
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    /// <summary>The inner product of two vectors of equal length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(a.Length, b.Length);
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        if (Vector512.IsHardwareAccelerated)
        {
            return Dot512(ref pa, ref pb, a.Length);
        }

        return Vector256.IsHardwareAccelerated ? Dot256(ref pa, ref pb, a.Length) : Dot128(ref pa, ref pb, a.Length);
    }

    /// <summary>The squared Euclidean distance of two vectors of equal length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(a.Length, b.Length);
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        if (Vector512.IsHardwareAccelerated)
        {
            return L2Sq512(ref pa, ref pb, a.Length);
        }

        return Vector256.IsHardwareAccelerated
            ? L2Sq256(ref pa, ref pb, a.Length)
            : L2Sq128(ref pa, ref pb, a.Length);
    }

    /// <summary>Scales <paramref name="vector"/> to unit length in place; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var squared = Dot(vector, vector);
        if (squared > 0 && float.IsFinite(squared))
        {
            TensorPrimitives.Multiply(vector, 1f / MathF.Sqrt(squared), vector);
        }
    }

    /// <summary>The inner product computed starting at <paramref name="width"/> (tests, benchmarks).</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimdWidth width)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(a.Length, b.Length);
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        return width switch
        {
            SimdWidth.Vector512 => Dot512(ref pa, ref pb, a.Length),
            SimdWidth.Vector256 => Dot256(ref pa, ref pb, a.Length),
            SimdWidth.Vector128 => Dot128(ref pa, ref pb, a.Length),
            SimdWidth.Scalar => DotScalar(ref pa, ref pb, a.Length),
        };
    }

    /// <summary>The squared Euclidean distance computed starting at <paramref name="width"/>.</summary>
    internal static float SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b, SimdWidth width)
    {
        if (a.Length != b.Length)
        {
            ThrowHelper.LengthMismatch(a.Length, b.Length);
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        return width switch
        {
            SimdWidth.Vector512 => L2Sq512(ref pa, ref pb, a.Length),
            SimdWidth.Vector256 => L2Sq256(ref pa, ref pb, a.Length),
            SimdWidth.Vector128 => L2Sq128(ref pa, ref pb, a.Length),
            SimdWidth.Scalar => L2SqScalar(ref pa, ref pb, a.Length),
        };
    }

    /// <summary>The scalar reference: one multiply-add per element, in order.</summary>
    internal static float DotReference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>The scalar reference of the squared Euclidean distance.</summary>
    internal static float SquaredEuclideanReference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
