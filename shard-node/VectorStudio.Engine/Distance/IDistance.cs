// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Distance;

/// <summary>
/// A distance metric as a type: search code is generic over <c>TDistance : struct, IDistance</c>, so
/// the JIT compiles one specialised copy per metric with every call below inlined.
/// </summary>
/// <remarks>
/// Scan kernels rank by a <em>key</em> where larger is always better: the inner product for cosine
/// and dot, the negated squared distance for Euclid. Keys turn into the reported score only for the
/// final hits, so the scan never takes a square root.
/// </remarks>
public interface IDistance
{
    /// <summary>The metric this type implements.</summary>
    static abstract DistanceMetric Metric { get; }

    /// <summary>Whether stored vectors and queries are normalised to unit length first (cosine).</summary>
    static abstract bool Normalizes { get; }

    /// <summary>Whether kernels compute squared Euclidean distance rather than an inner product.</summary>
    static abstract bool IsEuclidean { get; }

    /// <summary>
    /// The score of two vectors as stored (cosine expects both normalised): cosine similarity, inner
    /// product, or Euclidean distance (not squared).
    /// </summary>
    static abstract float Score(ReadOnlySpan<float> a, ReadOnlySpan<float> b);

    /// <summary>Whether <paramref name="score"/> ranks strictly before <paramref name="other"/>.</summary>
    static abstract bool IsBetter(float score, float other);

    /// <summary>The ranking key of a score (larger is better).</summary>
    static abstract float ScoreToKey(float score);

    /// <summary>The score of a ranking key.</summary>
    static abstract float KeyToScore(float key);
}
