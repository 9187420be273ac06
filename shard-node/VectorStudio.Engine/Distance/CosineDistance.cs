// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Distance;

/// <summary>
/// Cosine similarity computed as the inner product of unit vectors: the collection normalises vectors
/// on insert and each query once, so the scan runs the dot kernel.
/// </summary>
public readonly struct CosineDistance : IDistance
{
    public static DistanceMetric Metric => DistanceMetric.Cosine;

    public static bool Normalizes => true;

    public static bool IsEuclidean => false;

    /// <summary>The cosine similarity of two unit vectors (their inner product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => DistanceKernels.Dot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBetter(float score, float other) => score > other;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScoreToKey(float score) => score;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float KeyToScore(float key) => key;

    /// <summary>The cosine similarity of two vectors of any length; 0 when either is zero.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => DistanceKernels.Cosine(a, b);
}
