// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>Clustered data, HNSW collections and recall against the exact answer.</summary>
internal static class HnswFixtures
{
    /// <summary>
    /// Points around <paramref name="clusters"/> random centres (Gaussian spread 0.25 per coordinate,
    /// centres uniform in [−1, 1]): harder than uniform noise for a graph, like real embeddings.
    /// </summary>
    public static float[][] Clustered(Random rng, int count, int dimension, int clusters = 32)
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
                v[j] = centre[j] + (0.25f * Gaussian(rng));
            }

            vectors[i] = v;
        }

        return vectors;
    }

    /// <summary>The first <paramref name="count"/> rows as data, the rest as queries from the same clusters.</summary>
    public static (float[][] Data, float[][] Queries) Split(float[][] all, int count) => (all[..count], all[count..]);

    public static Collection Collection(
        DistanceMetric metric,
        int dimension,
        bool quantized = false,
        int threads = 2,
        int m = 16,
        int efConstruct = 100,
        int ef = 64,
        string name = "hnsw") =>
        new(
            new CollectionConfig(name, dimension, metric, new IndexOptions
            {
                Kind = IndexKind.Hnsw,
                M = m,
                EfConstruct = efConstruct,
                Ef = ef,
                Int8Quantization = quantized,
            }),
            new EngineOptions { SearchThreads = 1, IndexThreads = threads });

    /// <summary>Points with numeric ids 0..n-1 and an integer field r = id mod 10,000.</summary>
    public static List<PointStruct> Points(float[][] vectors, int firstId = 0) =>
        vectors.Select((v, i) => new PointStruct(
            PointId.FromNumber((ulong)(firstId + i)),
            v,
            new Dictionary<string, PayloadValue> { ["r"] = PayloadValue.FromInteger((firstId + i) % 10_000) }))
            .ToList();

    public static void Load(Collection collection, IReadOnlyList<PointStruct> points)
    {
        foreach (var batch in points.Chunk(EngineLimits.MaxBatchPoints))
        {
            collection.Upsert(batch);
        }
    }

    /// <summary>Mean recall@k of the index against the collection's own exact search.</summary>
    public static double Recall(Collection collection, IReadOnlyList<float[]> queries, int k, int ef = 0)
    {
        var found = 0;
        var expected = 0;
        foreach (var query in queries)
        {
            var exact = collection.Search([query], k, searchParams: new SearchParams(Exact: true))[0];
            var approx = collection.Search([query], k, searchParams: new SearchParams(HnswEf: ef))[0];
            var truth = exact.Select(h => h.Id).ToHashSet();
            found += approx.Count(h => truth.Contains(h.Id));
            expected += exact.Count;
        }

        return (double)found / expected;
    }

    private static float Gaussian(Random rng)
    {
        var u = 1 - rng.NextDouble();
        var v = rng.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }
}
