// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VectorStudio.Engine;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Hnsw;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Benchmarks.Hnsw;

/// <summary>
/// <c>hnsw (--base B --queries Q | --synthetic N,D[,clusters]) [--metric l2|ip|cos] [--m 16]
/// [--efc 200] [--ef 16,32,64,128,256] [--threads 2] [--k 10] [--int8] [--seed 42] [--nq 1000]</c>:
/// builds an HNSW collection (.fvecs, .bvecs or .npy float32 files, or seeded clustered data),
/// computes exact ground truth with the flat scan, and prints for each ef recall@k, single-thread
/// and all-thread QPS and p50/p99 latency, plus build time and bytes per vector: one JSON line per
/// ef (the shape bench/hnsw/ref_hnsw.py prints) and a table on stderr.
/// </summary>
/// <remarks>
/// Bytes per vector, two ways, as the references report them: <c>bytes_per_vector</c> is the process's
/// resident set growth across the build (after a full compacting GC on both sides, so garbage does not
/// count; what the GC keeps committed does), <c>index_bytes_per_vector</c> the accounted vectors + index
/// (<c>CollectionInfo.VectorBytes</c>: allocated capacity of the float store, codes, links, node info,
/// versions, traversal scratch). Neither counts the base vectors the runner holds as input, which were
/// loaded before the first measurement.
/// </remarks>
public static class HnswCommand
{
    public static int Run(string[] args)
    {
        var options = Parse(args);
        var seed = Int(options, "seed", 42);
        var (baseVectors, queries) = LoadData(options, seed);
        var nq = Math.Min(Int(options, "nq", 1000), queries.Length);
        queries = queries[..nq];
        var k = Int(options, "k", 10);
        var threads = Int(options, "threads", Environment.ProcessorCount);
        var metricName = options.GetValueOrDefault("metric", "l2");
        var metric = metricName switch
        {
            "l2" => DistanceMetric.Euclid,
            "ip" => DistanceMetric.Dot,
            "cos" => DistanceMetric.Cosine,
            _ => throw new ArgumentException($"unknown metric {metricName}; accepted: l2, ip, cos"),
        };
        var int8 = options.ContainsKey("int8");
        var index = new IndexOptions
        {
            Kind = IndexKind.Hnsw,
            M = Int(options, "m", 16),
            EfConstruct = Int(options, "efc", 200),
            Int8Quantization = int8,
        };
        using var collection = new Collection(
            new CollectionConfig("bench", baseVectors[0].Length, metric, index),
            new EngineOptions { SearchThreads = 1, IndexThreads = threads });
        var rss0 = ResidentBytes();
        var build = Stopwatch.StartNew();
        var points = baseVectors.Select((v, i) => new PointStruct(PointId.FromNumber((ulong)i), v));
        foreach (var chunk in points.Chunk(EngineLimits.MaxBatchPoints))
        {
            collection.Upsert(chunk);
        }

        var buildS = build.Elapsed.TotalSeconds;
        var rssDelta = ResidentBytes() - rss0;
        var truth = GroundTruth(collection, queries, k);
        var info = collection.GetInfo();
        var graphBytes = ((HnswIndex)collection.Index).Graph!.Bytes;
        var efs = options.GetValueOrDefault("ef", "16,32,64,128,256").Split(',')
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var n = (double)baseVectors.Length;
        Console.Error.WriteLine(
            $"vectorstudio{(int8 ? "-int8" : "")} {metricName} n={n} d={baseVectors[0].Length} build {buildS:F2} s "
            + $"({threads} threads), {info.VectorBytes / n:F0} B/vector accounted ({graphBytes / n:F0} in the graph), "
            + $"{rssDelta / n:F0} B/vector resident growth");
        // The JIT tiers the query path up in the background (tier 0, instrumented, then optimised
        // with profile data) over the first seconds of use; one pass per ef was not enough and made
        // the first ef of the sweep up to 40% slower than the same ef measured later. hnswlib is
        // compiled ahead of time, so ours gets a time-based warm-up before anything is timed.
        var warmup = Stopwatch.StartNew();
        var warmupSeconds = Int(options, "warmup-s", 3);
        while (warmup.Elapsed.TotalSeconds < warmupSeconds)
        {
            foreach (var warmEf in efs)
            {
                RunAll(collection, queries[..Math.Min(200, queries.Length)], k, new SearchParams(HnswEf: warmEf),
                    new int[queries.Length][], new double[queries.Length]);
            }
        }

        Console.Error.WriteLine("    ef  recall   QPS(1)  QPS(all)   p50 ms   p99 ms");
        foreach (var ef in efs)
        {
            var p = new SearchParams(HnswEf: ef);
            var found = new int[queries.Length][];
            var latencies = new double[queries.Length];
            RunAll(collection, queries, k, p, found, latencies);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var single = Stopwatch.StartNew();
            RunAll(collection, queries, k, p, found, latencies);
            var singleQps = queries.Length / single.Elapsed.TotalSeconds;

            // Per CPU second of the process: steadier than wall-clock when other jobs take the cores.
            var singleCpuQps = queries.Length / (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var graphCpuQps = int8 ? double.NaN : GraphOnlyCpuQps((HnswIndex)collection.Index, queries, ef);
            var parallel = Stopwatch.StartNew();
            Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, q =>
                collection.Search([queries[q]], k, searchParams: p));
            var parallelQps = queries.Length / parallel.Elapsed.TotalSeconds;
            var recall = found.Select((f, q) => f.Count(truth[q].Contains)).Sum() / (double)(queries.Length * k);
            Array.Sort(latencies);
            var result = new Dictionary<string, object>
            {
                ["engine"] = int8 ? "vectorstudio-int8" : "vectorstudio",
                ["metric"] = metricName,
                ["n"] = baseVectors.Length,
                ["d"] = baseVectors[0].Length,
                ["m"] = index.M,
                ["efc"] = index.EfConstruct,
                ["ef"] = ef,
                ["k"] = k,
                ["threads"] = threads,
                ["build_s"] = Math.Round(buildS, 3),
                ["bytes_per_vector"] = Math.Round(rssDelta / n, 1),
                ["index_bytes_per_vector"] = Math.Round(info.VectorBytes / n, 1),
                ["graph_bytes_per_vector"] = Math.Round(graphBytes / n, 1),
                ["recall"] = Math.Round(recall, 4),
                ["qps_1"] = Math.Round(singleQps, 1),
                ["qps_1_cpu"] = Math.Round(singleCpuQps, 1),
                ["graph_qps_1_cpu"] = double.IsNaN(graphCpuQps) ? null! : Math.Round(graphCpuQps, 1),
                ["qps_all"] = Math.Round(parallelQps, 1),
                ["p50_ms"] = Math.Round(latencies[latencies.Length / 2], 4),
                ["p99_ms"] = Math.Round(latencies[(int)(latencies.Length * 0.99)], 4),
            };
            Console.Error.WriteLine(
                $"{ef,6} {recall,7:F4} {singleQps,8:F0} {parallelQps,9:F0} {result["p50_ms"],8} {result["p99_ms"],8}");
            Console.WriteLine(JsonSerializer.Serialize(result));
        }

        return 0;
    }

    /// <summary>Resident bytes after a full blocking, compacting collection.</summary>
    private static long ResidentBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    /// <summary>
    /// Single-thread queries per CPU second of the float graph's traversal alone (no collection API,
    /// result conversion or top-k): what the API adds is the gap to <c>qps_1_cpu</c>.
    /// </summary>
    private static unsafe double GraphOnlyCpuQps(HnswIndex index, float[][] queries, int ef)
    {
        var graph = index.Graph!;
        var filter = new NodeFilter(graph, index.Versions, graph.Vectors.Live, null);
        var scratch = graph.RentScratch();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var query in queries)
        {
            fixed (float* row = query)
            {
                graph.Search((byte*)row, ef, filter, scratch, CancellationToken.None);
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        graph.ReturnScratch(scratch);
        return queries.Length / cpu.TotalSeconds;
    }

    private static void RunAll(
        Collection collection, float[][] queries, int k, SearchParams p, int[][] found, double[] latencies)
    {
        for (var q = 0; q < queries.Length; q++)
        {
            var start = Stopwatch.GetTimestamp();
            var hits = collection.Search([queries[q]], k, searchParams: p)[0];
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            found[q] = hits.Select(h => (int)h.Id.Number).ToArray();
        }
    }

    private static HashSet<int>[] GroundTruth(Collection collection, float[][] queries, int k)
    {
        var truth = new HashSet<int>[queries.Length];
        var exact = new SearchParams(Exact: true);
        for (var start = 0; start < queries.Length; start += EngineLimits.MaxQueries)
        {
            var batch = queries.Skip(start).Take(EngineLimits.MaxQueries)
                .Select(q => (ReadOnlyMemory<float>)q).ToArray();
            var results = collection.Search(batch, k, searchParams: exact);
            for (var i = 0; i < results.Count; i++)
            {
                truth[start + i] = results[i].Select(h => (int)h.Id.Number).ToHashSet();
            }
        }

        return truth;
    }

    private static (float[][] Base, float[][] Queries) LoadData(Dictionary<string, string> options, int seed)
    {
        if (options.TryGetValue("synthetic", out var spec))
        {
            var parts = spec.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var rng = new Random(seed);
            var clusters = parts.Length > 2 ? parts[2] : 100;
            var normalise = options.GetValueOrDefault("metric") is "ip" or "cos";
            var all = SyntheticData.Clustered(rng, parts[0] + 1000, parts[1], clusters, normalise);
            return (all[..parts[0]], all[parts[0]..]);
        }

        return (VectorFiles.Read(options["base"]), VectorFiles.Read(options["queries"]));
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected an option, got '{args[i]}'");
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        if (!options.ContainsKey("synthetic") && !(options.ContainsKey("base") && options.ContainsKey("queries")))
        {
            throw new ArgumentException("either --synthetic N,D[,clusters] or --base and --queries are required");
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string key, int fallback) =>
        options.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
