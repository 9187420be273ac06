// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// <c>embedder-ort-ab --package DIR [--threads 1] [--batches 1,32] [--seqs 32,128] [--seconds 0.5] [--rounds 7]
/// [--variants default,default+default,fixed,ftz] [--pad 0] [--profile DIR] [--dump DIR]</c>: ONNX Runtime
/// session settings compared in one process. Per shape every variant gets its own session on the package's
/// ONNX file and runs the bare OrtApi::Run in round-robin windows (<c>rounds</c> windows of <c>seconds</c>
/// each), so machine drift falls on all variants alike; prints per variant the median milliseconds per call,
/// the speed-up over the first variant and the largest absolute output difference from it.
/// Variant parts, joined with <c>+</c>: <c>default</c> (onnxruntime-node's settings), <c>fixed</c> (batch and
/// sequence fixed by free-dimension overrides), <c>ftz</c> (FTZ/DAZ set around each run on the calling
/// thread), <c>daz</c> (session.set_denormal_as_zero: ONNX Runtime sets it on the thread creating the session,
/// so it leaks into every later variant of the process), <c>nopattern</c> (memory pattern off),
/// <c>noarena</c> (CPU arena off), <c>nobiasgelu</c> / <c>noaddfusion</c> / <c>noskipln</c> (ONNX Runtime's
/// BiasGeluFusion, MatMulAddFusion, SkipLayerNormFusion + BiasSkipLayerNormFusion disabled).
/// <c>--pad F</c> right-pads rows as a batcher does; <c>--profile DIR</c> also writes ONNX Runtime's per-node
/// profile of each variant (the timings then include the profiler), <c>--dump DIR</c> the optimised graphs.
/// </summary>
public static class EmbedderOrtAbCommand
{
    public static int Run(string[] args)
    {
        var options = EmbedderCommand.Parse(args);
        var threads = EmbedderCommand.Int(options, "threads", 1);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "0.5"), CultureInfo.InvariantCulture);
        var rounds = EmbedderCommand.Int(options, "rounds", 7);
        var names = options.GetValueOrDefault("variants", "default,default+default,fixed,ftz").Split(',');
        var profile = options.GetValueOrDefault("profile");
        var dump = options.GetValueOrDefault("dump");
        var pad = double.Parse(options.GetValueOrDefault("pad", "0"), CultureInfo.InvariantCulture);
        var package = ModelPackage.Load(options["package"]);
        Console.Error.WriteLine($"embedder-ort-ab: FTZ/DAZ switchable: {DenormalFlush.Supported}, MXCSR 0x{DenormalFlush.Read():x}");
        foreach (var batch in EmbedderCommand.Ints(options.GetValueOrDefault("batches", "1,32")))
        {
            foreach (var seq in EmbedderCommand.Ints(options.GetValueOrDefault("seqs", "32,128")))
            {
                var (ids, mask) = EmbedderCommand.Inputs(batch, seq, 1000);
                Pad(ids, mask, batch, seq, pad);
                var variants = names.Select(n => new OrtVariant(
                    n, package.ModelPath, Settings(n, threads, batch, seq, profile, dump), n.Split('+').Contains("ftz"))).ToList();
                try
                {
                    Compare(variants, ids, mask, batch, seq, threads, seconds, rounds, profile is not null);
                }
                finally
                {
                    variants.ForEach(v => v.Dispose());
                }
            }
        }

        return 0;
    }

    private static void Compare(
        List<OrtVariant> variants, long[] ids, long[] mask, int batch, int seq, int threads, double seconds, int rounds, bool profile)
    {
        var outputs = new List<float[]>();
        foreach (var v in variants)
        {
            v.Bind(ids, mask, batch, seq);
            for (var i = 0; i < 2; i++)
            {
                v.Run();
            }

            outputs.Add(v.Run(copy: true)!);
        }

        var times = variants.Select(_ => new List<double>()).ToList();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var n = 0;
                var clock = Stopwatch.StartNew();
                while (n < 3 || clock.Elapsed.TotalSeconds < seconds)
                {
                    variants[i].Run();
                    n++;
                }

                times[i].Add(clock.Elapsed.TotalMilliseconds / n);
            }
        }

        var baseline = Median(times[0]);
        for (var i = 0; i < variants.Count; i++)
        {
            var line = new Dictionary<string, object>
            {
                ["variant"] = variants[i].Name,
                ["batch"] = batch,
                ["seq"] = seq,
                ["threads"] = threads,
                ["median_ms"] = Math.Round(Median(times[i]), 3),
                ["min_ms"] = Math.Round(times[i].Min(), 3),
                ["speedup"] = Math.Round(baseline / Median(times[i]), 3),
                ["max_abs_diff"] = MaxAbsDiff(outputs[0], outputs[i]),
            };
            if (profile)
            {
                line["profile"] = variants[i].EndProfiling() ?? "";
            }

            Console.WriteLine(JsonSerializer.Serialize(line));
        }
    }

    private static OrtSessionSettings Settings(string name, int threads, int batch, int seq, string? profile, string? dump)
    {
        var settings = new OrtSessionSettings
        {
            IntraOpThreads = threads,
            ProfilePrefix = profile is null ? null : Path.Combine(profile, $"{name}-{batch}x{seq}"),
            OptimizedModelPath = dump is null ? null : Path.Combine(dump, $"{name}-{batch}x{seq}.onnx"),
        };
        var config = new List<KeyValuePair<string, string>>();
        var disabled = new List<string>();
        foreach (var part in name.Split('+'))
        {
            settings = part switch
            {
                "default" => settings,
                "fixed" => settings with { FreeDimensions = [new("batch", batch), new("sequence", seq)] },
                "nopattern" => settings with { MemoryPattern = false },
                "noarena" => settings with { CpuArena = false },
                "daz" or "ftz" or "nobiasgelu" or "noaddfusion" or "noskipln" => settings,
                _ => throw new ArgumentException(
                    $"unknown variant part '{part}' (accepted, joined with +: default, fixed, daz, ftz, nopattern, noarena, nobiasgelu, noaddfusion, noskipln)"),
            };
            switch (part)
            {
                case "daz":
                    config.Add(new("session.set_denormal_as_zero", "1"));
                    break;
                case "nobiasgelu":
                    disabled.Add("BiasGeluFusion");
                    break;
                case "noaddfusion":
                    disabled.Add("MatMulAddFusion");
                    break;
                case "noskipln":
                    disabled.AddRange(["SkipLayerNormFusion", "BiasSkipLayerNormFusion"]);
                    break;
                default:
                    break;
            }
        }

        if (disabled.Count > 0)
        {
            // ONNX Runtime 1.30 splits this list at ';' (a ','-joined list left Gemm and SkipLayerNorm fused when tried).
            config.Add(new("optimization.disable_specified_optimizers", string.Join(';', disabled)));
        }

        return settings with { ConfigEntries = config };
    }

    /// <summary>
    /// Right-pads rows as a batcher does for texts of different lengths: with fraction <paramref name="pad"/>,
    /// row r keeps ceil(seq × (1 − pad × ((r mod 4) + 1) / 4)) tokens ([SEP] last) and the rest is id 0, mask 0.
    /// </summary>
    private static void Pad(long[] ids, long[] mask, int batch, int seq, double pad)
    {
        if (pad <= 0)
        {
            return;
        }

        for (var r = 0; r < batch; r++)
        {
            var length = Math.Max(2, (int)Math.Ceiling(seq * (1 - (pad * ((r % 4) + 1) / 4))));
            ids[(r * seq) + length - 1] = 3;
            for (var t = length; t < seq; t++)
            {
                ids[(r * seq) + t] = 0;
                mask[(r * seq) + t] = 0;
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double MaxAbsDiff(float[] a, float[] b)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}
