// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Benchmarks.Hnsw;

/// <summary>Seeded clustered vectors (the same recipe as bench/hnsw/gen_data.py, not the same numbers).</summary>
public static class SyntheticData
{
    /// <summary>Gaussian clusters (σ 0.25), centres uniform in [−1, 1]; unit length if <paramref name="normalise"/>.</summary>
    public static float[][] Clustered(Random rng, int count, int dimension, int clusters, bool normalise)
    {
        var centres = Enumerable.Range(0, clusters)
            .Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray())
            .ToArray();
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[rng.Next(clusters)];
            var v = new float[dimension];
            for (var j = 0; j < dimension; j++)
            {
                var u = 1 - rng.NextDouble();
                var gaussian = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
                v[j] = centre[j] + (float)(0.25 * gaussian);
            }

            if (normalise)
            {
                var norm = MathF.Sqrt(v.Sum(x => x * x));
                for (var j = 0; j < dimension; j++)
                {
                    v[j] /= norm;
                }
            }

            vectors[i] = v;
        }

        return vectors;
    }
}
