// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Distance;

public class DistanceKernelsTests
{
    // Every length 1..300 covers each path's bulk loop, its single-register loop and every tail
    // length of every narrower width; the large ones are the dimensions collections actually use.
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(1, 300).Concat([384, 511, 768, 1023, 1536, 4096, 65_536]))
        {
            data.Add(n);
        }

        return data;
    }

    private static IEnumerable<SimdWidth> Widths()
    {
        yield return SimdWidth.Scalar;
        if (Vector128.IsHardwareAccelerated)
        {
            yield return SimdWidth.Vector128;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            yield return SimdWidth.Vector256;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            yield return SimdWidth.Vector512;
        }
    }

    // Summation order differs between widths: the bound is a few ulps per element of the sum of
    // |a_i·b_i|, which for values in [-1, 1] is at most n.
    private static float Tolerance(int n) => 1e-6f * n + 1e-6f;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_Should_EqualScalarReference_When_ComputedAtEveryWidth(int n)
    {
        var rng = new Random(n);
        var a = Samples.Vector(rng, n);
        var b = Samples.Vector(rng, n);
        var reference = DistanceKernels.DotReference(a, b);
        foreach (var width in Widths())
        {
            Assert.Equal(reference, DistanceKernels.Dot(a, b, width), Tolerance(n));
        }

        Assert.Equal(reference, DistanceKernels.Dot(a, b), Tolerance(n));
        Assert.Equal(TensorPrimitives.Dot(a, b), DistanceKernels.Dot(a, b), Tolerance(n));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SquaredEuclidean_Should_EqualScalarReference_When_ComputedAtEveryWidth(int n)
    {
        var rng = new Random(n + 1000);
        var a = Samples.Vector(rng, n);
        var b = Samples.Vector(rng, n);
        var reference = DistanceKernels.SquaredEuclideanReference(a, b);
        foreach (var width in Widths())
        {
            Assert.Equal(reference, DistanceKernels.SquaredEuclidean(a, b, width), 4 * Tolerance(n));
        }

        var distance = TensorPrimitives.Distance(a, b);
        Assert.Equal(distance, EuclideanDistance.Score(a, b), 1e-4f * distance + 1e-5f);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Cosine_Should_EqualScalarReference_When_ComputedAtEveryWidthInOnePass(int n)
    {
        var rng = new Random(n + 2000);
        var a = Samples.Vector(rng, n);
        var b = Samples.Vector(rng, n);
        var dot = DistanceKernels.DotReference(a, b);
        var norms = MathF.Sqrt(DistanceKernels.DotReference(a, a) * DistanceKernels.DotReference(b, b));
        var reference = norms > 0 ? dot / norms : 0f;
        foreach (var width in Widths())
        {
            Assert.Equal(reference, DistanceKernels.Cosine(a, b, width), 1e-4f);
        }

        Assert.Equal(TensorPrimitives.CosineSimilarity(a, b), DistanceKernels.Cosine(a, b), 1e-4f);
    }

    [Fact]
    public void Cosine_Should_BeZero_When_EitherVectorIsZero() =>
        Assert.Equal(0f, DistanceKernels.Cosine(new float[40], Enumerable.Repeat(1f, 40).ToArray()));

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(128)]
    [InlineData(768)]
    public void CosineScore_Should_EqualTensorPrimitives_When_VectorsAreNormalised(int n)
    {
        var rng = new Random(n);
        var a = Samples.Vector(rng, n);
        var b = Samples.Vector(rng, n);
        var expected = TensorPrimitives.CosineSimilarity(a, b);
        Assert.Equal(expected, CosineDistance.Similarity(a, b), 1e-5f);
        DistanceKernels.Normalize(a);
        DistanceKernels.Normalize(b);
        Assert.Equal(expected, CosineDistance.Score(a, b), 1e-5f);
    }

    [Fact]
    public void Normalize_Should_LeaveZeroVector_When_NormIsZero()
    {
        var v = new float[5];
        DistanceKernels.Normalize(v);
        Assert.All(v, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Dot_Should_Throw_When_LengthsDiffer() =>
        Assert.Throws<ArgumentException>(() => DistanceKernels.Dot(new float[3], new float[4]));

    [Fact]
    public void Metrics_Should_RankAndConvertKeys_When_Compared()
    {
        Assert.True(DotDistance.IsBetter(2, 1));
        Assert.True(CosineDistance.IsBetter(0.9f, 0.1f));
        Assert.True(EuclideanDistance.IsBetter(1, 2));
        Assert.Equal(3f, EuclideanDistance.KeyToScore(EuclideanDistance.ScoreToKey(3f)), 1e-6f);
        Assert.Equal(float.PositiveInfinity, EuclideanDistance.ScoreToKey(-1f));
        Assert.Equal(0f, EuclideanDistance.KeyToScore(1e-7f));
    }
}
