// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using VectorStudio.Engine.Distance;

namespace VectorStudio.Benchmarks.Distance;

/// <summary>Our contiguous-vector kernels against TensorPrimitives at the dimensions collections use.</summary>
[MemoryDiagnoser]
[BenchmarkCategory(BenchmarkCategories.Distance)]
public class DistanceBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];

    [Params(128, 384, 768, 1536)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = Enumerable.Range(0, Dimension).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        _b = Enumerable.Range(0, Dimension).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        DistanceKernels.Normalize(_a);
        DistanceKernels.Normalize(_b);
    }

    [Benchmark(Baseline = true)]
    public float TensorPrimitivesDot() => TensorPrimitives.Dot(_a, _b);

    [Benchmark]
    public float Dot() => DotDistance.Score(_a, _b);

    [Benchmark]
    public float TensorPrimitivesDistance() => TensorPrimitives.Distance(_a, _b);

    [Benchmark]
    public float Euclidean() => EuclideanDistance.Score(_a, _b);

    [Benchmark]
    public float TensorPrimitivesCosine() => TensorPrimitives.CosineSimilarity(_a, _b);

    /// <summary>Cosine on stored (unit) vectors is one dot product; this is what search runs.</summary>
    [Benchmark]
    public float Cosine() => CosineDistance.Score(_a, _b);

    /// <summary>Cosine of arbitrary vectors, computing both norms: the like-for-like comparison.</summary>
    [Benchmark]
    public float CosineUnnormalised() => CosineDistance.Similarity(_a, _b);
}
