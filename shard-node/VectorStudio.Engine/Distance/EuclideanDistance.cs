// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Distance;

/// <summary>Euclidean distance; lower is closer. Kernels rank by the negated squared distance.</summary>
public readonly struct EuclideanDistance : IDistance
{
    public static DistanceMetric Metric => DistanceMetric.Euclid;

    public static bool Normalizes => false;

    public static bool IsEuclidean => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MathF.Sqrt(DistanceKernels.SquaredEuclidean(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBetter(float score, float other) => score < other;

    /// <summary>
    /// The key of a distance: its negated square. A negative distance bound admits nothing, so its key
    /// is +∞, which no finite key reaches.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScoreToKey(float score) => score < 0 ? float.PositiveInfinity : -(score * score);

    /// <summary>The distance of a key; rounding can leave a tiny positive key, read as distance 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float KeyToScore(float key) => key >= 0 ? 0f : MathF.Sqrt(-key);
}
