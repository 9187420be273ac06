// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VectorStudio.Engine;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Benchmarks.Exact;

/// <summary>
/// <c>exact --base B.fvecs --queries Q.fvecs [--k 10] [--threads 1] [--batch 200] [--single 100]
/// [--metric l2|ip] [--repeat 3]</c>: loads the base vectors into a flat collection, runs the first
/// <c>single</c> queries one call at a time and the first <c>batch</c> queries as one call, and prints one
/// JSON object per metric (QPS and milliseconds, best of <c>repeat</c> after a warm-up), the same shape
/// bench/exact/faiss_exact.py prints.
/// </summary>
public static class ExactCommand
{
    public static int Run(string[] args)
    {
        var options = Parse(args);
        var baseVectors = VectorFiles.Read(options["base"]);
        var queries = VectorFiles.Read(options["queries"]);
        var k = Int(options, "k", 10);
        var threads = Int(options, "threads", 1);
        var batch = Math.Min(Int(options, "batch", 200), queries.Length);
        var single = Math.Min(Int(options, "single", 100), queries.Length);
        var repeat = Int(options, "repeat", 3);
        var metrics = options.GetValueOrDefault("metric", "l2,ip").Split(',');
        foreach (var name in metrics)
        {
            var metric = name switch
            {
                "l2" => DistanceMetric.Euclid,
                "ip" => DistanceMetric.Dot,
                "cos" => DistanceMetric.Cosine,
                _ => throw new ArgumentException($"unknown metric {name}; accepted: l2, ip, cos"),
            };
            using var collection = new Collection(
                new CollectionConfig("bench", baseVectors[0].Length, metric), new EngineOptions { SearchThreads = threads });
            var load = Stopwatch.StartNew();
            foreach (var chunk in baseVectors.Select((v, i) => new PointStruct(PointId.FromNumber((ulong)i), v)).Chunk(EngineLimits.MaxBatchPoints))
            {
                collection.Upsert(chunk);
            }

            var loadMs = load.Elapsed.TotalMilliseconds;
            var singleMs = Best(repeat, () =>
            {
                for (var q = 0; q < single; q++)
                {
                    collection.Search([queries[q]], k);
                }
            });
            var batchQueries = queries.Take(batch).Select(q => (ReadOnlyMemory<float>)q).ToArray();
            var batchMs = Best(repeat, () => collection.Search(batchQueries, k));
            var result = new Dictionary<string, object>
            {
                ["engine"] = "vectorstudio",
                ["metric"] = name,
                ["n"] = baseVectors.Length,
                ["d"] = baseVectors[0].Length,
                ["k"] = k,
                ["threads"] = threads,
                ["load_ms"] = Math.Round(loadMs, 1),
                ["single_queries"] = single,
                ["single_ms_per_query"] = Math.Round(singleMs / single, 4),
                ["single_qps"] = Math.Round(single * 1000 / singleMs, 1),
                ["batch"] = batch,
                ["batch_ms"] = Math.Round(batchMs, 3),
                ["batch_qps"] = Math.Round(batch * 1000 / batchMs, 1),
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
        }

        return 0;
    }

    /// <summary>Runs once to warm up (JIT, caches), then returns the fastest of <paramref name="repeat"/> runs in ms.</summary>
    private static double Best(int repeat, Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < repeat; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected an option, got '{args[i]}'");
            }

            options[args[i][2..]] = args[i + 1];
        }

        foreach (var required in new[] { "base", "queries" })
        {
            if (!options.ContainsKey(required))
            {
                throw new ArgumentException($"--{required} is required");
            }
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string key, int fallback) =>
        options.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
