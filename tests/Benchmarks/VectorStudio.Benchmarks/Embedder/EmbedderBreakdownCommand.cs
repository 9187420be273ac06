// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// <c>embedder-breakdown --package DIR [--threads 1] [--batches 1,32] [--seqs 32,128] [--seconds 1] [--repeat 3]</c>:
/// where one <see cref="IEmbeddingBackend.Embed"/> call's time goes. Per shape it times, in interleaved windows
/// (best of <c>repeat</c> each): the whole Embed call; the bare native call on a second copy of the model
/// (vst_module_forward + vst_buffer_free, or OrtApi::Run on input values created once); and the managed
/// steps alone (input validation, output pooling/copy/normalisation on a buffer of the model's output
/// shape). Prints one JSON line per shape in microseconds per call.
/// </summary>
public static unsafe class EmbedderBreakdownCommand
{
    public static int Run(string[] args)
    {
        var options = EmbedderCommand.Parse(args);
        var threads = EmbedderCommand.Int(options, "threads", 1);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "1"), CultureInfo.InvariantCulture);
        var repeat = EmbedderCommand.Int(options, "repeat", 3);
        var package = ModelPackage.Load(options["package"]);
        using var backend = EmbeddingBackends.Load(package, new EmbeddingBackendOptions { Device = "cpu", IntraOpThreads = threads });
        using var bare = BareModel.Open(package, threads);
        foreach (var batch in EmbedderCommand.Ints(options.GetValueOrDefault("batches", "1,32")))
        {
            foreach (var seq in EmbedderCommand.Ints(options.GetValueOrDefault("seqs", "32,128")))
            {
                var (ids, mask) = EmbedderCommand.Inputs(batch, seq, 1000);
                var raw = new float[bare.OutputLength(batch, seq, backend.Info.Dimension)];
                long[] shape = raw.Length == batch * backend.Info.Dimension
                    ? [batch, backend.Info.Dimension]
                    : [batch, seq, backend.Info.Dimension];
                var layout = shape.Length == 2 ? OutputLayout.Pooled : OutputLayout.Tokens;
                Action embed = () => backend.Embed(ids, mask, batch, seq);
                Action native = () => bare.Forward(ids, mask, batch, seq);
                Action validate = () => EmbeddingInput.Validate(ids, mask, batch, seq, backend.Info.MaxSequenceLength);
                Action finish = () => EmbeddingOutput.Finish(
                    raw, shape, mask, batch, seq, layout, backend.Info.Dimension, package.Pooling, package.Normalize);
                var steps = new[] { embed, native, validate, finish };
                var best = new double[steps.Length];
                var faults = new double[steps.Length];
                Array.Fill(best, double.MaxValue);
                for (var r = 0; r < repeat + 1; r++)
                {
                    for (var i = 0; i < steps.Length; i++)
                    {
                        // Round 0 is the warm-up (tier-up of the managed code, the graph executor's profiling runs).
                        var (micros, faultsPerCall) = MicrosPerCall(steps[i], i < 2 ? seconds : seconds / 4);
                        best[i] = r == 0 ? best[i] : Math.Min(best[i], micros);
                        faults[i] = faultsPerCall;
                    }
                }

                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["backend"] = package.Backend == ModelBackendKind.TorchScript ? "torchscript" : "onnx",
                    ["batch"] = batch,
                    ["seq"] = seq,
                    ["threads"] = threads,
                    ["embed_us"] = Math.Round(best[0], 1),
                    ["native_us"] = Math.Round(best[1], 1),
                    ["validate_us"] = Math.Round(best[2], 2),
                    ["finish_us"] = Math.Round(best[3], 2),
                    ["embed_minus_native_us"] = Math.Round(best[0] - best[1], 1),
                    ["embed_page_faults"] = Math.Round(faults[0], 1),
                    ["native_page_faults"] = Math.Round(faults[1], 1),
                }));
            }
        }

        return 0;
    }

    /// <summary>Microseconds and minor page faults (of the whole process) per call of <paramref name="step"/>.</summary>
    private static (double Micros, double Faults) MicrosPerCall(Action step, double seconds)
    {
        var n = 0;
        var faults = MinorFaults();
        var clock = Stopwatch.StartNew();
        while (n < 3 || clock.Elapsed.TotalSeconds < seconds)
        {
            step();
            n++;
        }

        var micros = clock.Elapsed.TotalMicroseconds / n;
        return (micros, (MinorFaults() - faults) / (double)n);
    }

    /// <summary>minflt, field 10 of /proc/self/stat (after the parenthesised command name).</summary>
    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
