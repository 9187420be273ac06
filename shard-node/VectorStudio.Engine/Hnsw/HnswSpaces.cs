// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using VectorStudio.Engine.Distance;

namespace VectorStudio.Engine.Hnsw;

/// <summary>
/// How the graph compares two stored rows: a distance where lower is closer. The graph is generic
/// over it, so the JIT compiles one traversal per space with the kernel inlined.
/// </summary>
/// <remarks>
/// Float spaces rank by squared Euclidean distance or the negated inner product, i.e. the negated
/// search key of <see cref="IDistance"/>. Int8 spaces compute the same on quantized codes (see
/// <see cref="Int8Quantizer"/>); their distances only rank, they are never reported.
/// </remarks>
internal unsafe interface IHnswSpace
{
    static abstract bool Quantized { get; }

    static abstract float Distance(byte* a, byte* b, int length);
}

internal readonly unsafe struct FloatL2Space : IHnswSpace
{
    public static bool Quantized => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Distance(byte* a, byte* b, int length) =>
        DistanceKernels.SquaredEuclidean(new ReadOnlySpan<float>(a, length), new ReadOnlySpan<float>(b, length));
}

internal readonly unsafe struct FloatIpSpace : IHnswSpace
{
    public static bool Quantized => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Distance(byte* a, byte* b, int length) =>
        -DistanceKernels.Dot(new ReadOnlySpan<float>(a, length), new ReadOnlySpan<float>(b, length));
}

internal readonly unsafe struct Int8L2Space : IHnswSpace
{
    public static bool Quantized => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Distance(byte* a, byte* b, int length) =>
        Int8Kernels.SquaredEuclidean((sbyte*)a, (sbyte*)b, length);
}

internal readonly unsafe struct Int8IpSpace : IHnswSpace
{
    public static bool Quantized => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Distance(byte* a, byte* b, int length) => -Int8Kernels.Dot((sbyte*)a, (sbyte*)b, length);
}
