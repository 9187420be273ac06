// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// <c>embedder-prepack --package DIR [--threads 1] [--batches 1,32] [--seqs 32,128] [--rounds 9] [--window 0.4]
/// [--vocab 1000]</c>: loads a TorchScript package twice in one process, with its linear layers prepacked for
/// oneDNN and as LibTorch loads it, and per shape alternates CPU-time windows of the two (the order flips each
/// round) so that a shared machine's drift falls on both. Prints embeddings per CPU second of each (median of
/// rounds) and the median of the per-round ratios.
/// </summary>
public static class PrepackCompareCommand
{
    public static int Run(string[] args)
    {
        var options = EmbedderCommand.Parse(args);
        var threads = EmbedderCommand.Int(options, "threads", 1);
        var rounds = EmbedderCommand.Int(options, "rounds", 9);
        var window = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("window", "0.4"), CultureInfo.InvariantCulture));
        var vocab = EmbedderCommand.Int(options, "vocab", 1000);
        using var packed = Load(options["package"], threads, prepack: true);
        using var plain = Load(options["package"], threads, prepack: false);
        Console.WriteLine($"prepacked: {packed.PrepackedLinears} linear layers ({packed.PrepackDetail}); threads {threads}");
        Console.WriteLine("| batch | seq | prepacked emb/cpu-s | LibTorch emb/cpu-s | median of round ratios |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var batch in EmbedderCommand.Ints(options.GetValueOrDefault("batches", "1,32")))
        {
            foreach (var seq in EmbedderCommand.Ints(options.GetValueOrDefault("seqs", "32,128")))
            {
                var (ids, mask) = EmbedderCommand.Inputs(batch, seq, vocab);
                var ours = new List<double>();
                var theirs = new List<double>();
                for (var i = 0; i < 3; i++)
                {
                    packed.Embed(ids, mask, batch, seq);
                    plain.Embed(ids, mask, batch, seq);
                }

                for (var r = 0; r < rounds; r++)
                {
                    var first = r % 2 == 0 ? packed : plain;
                    var second = r % 2 == 0 ? plain : packed;
                    var a = Window(first, ids, mask, batch, seq, window);
                    var b = Window(second, ids, mask, batch, seq, window);
                    ours.Add(r % 2 == 0 ? a : b);
                    theirs.Add(r % 2 == 0 ? b : a);
                }

                var ratios = ours.Zip(theirs, (o, t) => o / t).ToList();
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {batch} | {seq} | {Median(ours):F1} | {Median(theirs):F1} | {Median(ratios):F2}× |"));
            }
        }

        return 0;
    }

    private static TorchScriptBackend Load(string package, int threads, bool prepack) =>
        (TorchScriptBackend)EmbeddingBackends.Load(
            package, new EmbeddingBackendOptions { Device = "cpu", IntraOpThreads = threads, CpuPrepack = prepack });

    /// <summary>Embeddings per CPU second of the process over at least <paramref name="window"/> of CPU time.</summary>
    private static double Window(TorchScriptBackend backend, long[] ids, long[] mask, int batch, int seq, TimeSpan window)
    {
        var start = Environment.CpuUsage.TotalTime;
        var n = 0;
        while (n < 2 || Environment.CpuUsage.TotalTime - start < window)
        {
            backend.Embed(ids, mask, batch, seq);
            n++;
        }

        return n * batch / (Environment.CpuUsage.TotalTime - start).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
