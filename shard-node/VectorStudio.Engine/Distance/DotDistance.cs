// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Distance;

/// <summary>Inner product; higher is closer.</summary>
public readonly struct DotDistance : IDistance
{
    public static DistanceMetric Metric => DistanceMetric.Dot;

    public static bool Normalizes => false;

    public static bool IsEuclidean => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Score(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => DistanceKernels.Dot(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBetter(float score, float other) => score > other;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScoreToKey(float score) => score;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float KeyToScore(float key) => key;
}
