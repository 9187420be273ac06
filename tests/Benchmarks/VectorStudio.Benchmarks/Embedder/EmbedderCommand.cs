// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// <c>embedder --package DIR [--threads 1] [--batches 1,32] [--seqs 32,128] [--seconds 2] [--repeat 3]
/// [--vocab 1000] [--prepack true|false]</c>: loads a model package (TorchScript or ONNX, as its manifest says) on CPU with the given
/// intra-op threads and, per batch size and sequence length, runs <see cref="IEmbeddingBackend.Embed"/> in a
/// loop: 3 warm-up calls, then the best of <c>repeat</c> windows of at least <c>seconds</c> (and 3 calls). Prints
/// one JSON line per shape (embeddings per wall-clock second and per CPU second of the process, the steadier
/// figure on a shared machine), the shape bench/embedder's torch_bench.py and ort_bench.js print.
/// </summary>
public static class EmbedderCommand
{
    public static int Run(string[] args)
    {
        var options = Parse(args);
        var threads = Int(options, "threads", 1);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "2"), CultureInfo.InvariantCulture);
        var repeat = Int(options, "repeat", 3);
        var vocab = Int(options, "vocab", 1000);
        using var backend = EmbeddingBackends.Load(
            options["package"], new EmbeddingBackendOptions
            {
                Device = "cpu",
                IntraOpThreads = threads,
                CpuPrepack = bool.Parse(options.GetValueOrDefault("prepack", "true")),
                Log = Console.Error.WriteLine,
            });
        var engine = backend.Info.Backend == ModelBackendKind.TorchScript ? "vectorstudio-torchscript" : "vectorstudio-onnx";
        if (backend is TorchScriptBackend { PrepackedLinears: 0 })
        {
            engine += "-unpacked";
        }
        foreach (var batch in Ints(options.GetValueOrDefault("batches", "1,32")))
        {
            foreach (var seq in Ints(options.GetValueOrDefault("seqs", "32,128")))
            {
                var (ids, mask) = Inputs(batch, seq, vocab);
                var best = 0.0;
                var bestCpu = 0.0;
                for (var i = 0; i < 3; i++)
                {
                    backend.Embed(ids, mask, batch, seq);
                }

                for (var r = 0; r < repeat; r++)
                {
                    var n = 0;
                    var cpuStart = Environment.CpuUsage.TotalTime;
                    var clock = Stopwatch.StartNew();
                    while (n < 3 || clock.Elapsed.TotalSeconds < seconds)
                    {
                        backend.Embed(ids, mask, batch, seq);
                        n++;
                    }

                    best = Math.Max(best, n * batch / clock.Elapsed.TotalSeconds);
                    bestCpu = Math.Max(bestCpu, n * batch / (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds);
                }

                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["engine"] = engine,
                    ["backend"] = backend.Info.Backend == ModelBackendKind.TorchScript ? "torchscript" : "onnx",
                    ["batch"] = batch,
                    ["seq"] = seq,
                    ["threads"] = threads,
                    ["emb_per_s"] = Math.Round(best, 1),
                    ["emb_per_cpu_s"] = Math.Round(bestCpu, 1),
                }));
            }
        }

        return 0;
    }

    /// <summary>Deterministic ids shared by all three drivers: [CLS]=2, words, [SEP]=3; every token attended.</summary>
    internal static (long[] Ids, long[] Mask) Inputs(int batch, int seq, int vocab)
    {
        var ids = new long[batch * seq];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = 5 + ((i * 7919L + 13) % (vocab - 5));
        }

        for (var r = 0; r < batch; r++)
        {
            ids[r * seq] = 2;
            ids[(r * seq) + seq - 1] = 3;
        }

        return (ids, Enumerable.Repeat(1L, ids.Length).ToArray());
    }

    internal static Dictionary<string, string> Parse(string[] args)
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

        if (!options.ContainsKey("package"))
        {
            throw new ArgumentException("--package is required (a model package folder, see docs/embedder.md)");
        }

        return options;
    }

    internal static int[] Ints(string list) => list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    internal static int Int(Dictionary<string, string> options, string key, int fallback) =>
        options.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
