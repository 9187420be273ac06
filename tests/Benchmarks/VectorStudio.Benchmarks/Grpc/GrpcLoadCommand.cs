// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Client;
using VectorStudio.Testing.V1;

namespace VectorStudio.Benchmarks.Grpc;

/// <summary>
/// A closed-loop load generator over our gRPC client, for comparing servers (bench/grpc/run.sh).
/// unary: <c>concurrency</c> workers each keep one small Unary call in flight; reports calls/s and
/// latency percentiles. stream: one ServerStream call; reports messages/s. Warm-up results (JIT,
/// connection set-up, server thread pools) are discarded.
/// </summary>
public static class GrpcLoadCommand
{
    // A stream long enough to outlast any measurement; the client cancels it when done.
    private const uint StreamCount = 2_000_000_000;

    private static readonly Method<EchoRequest, EchoResponse> Unary =
        Method<EchoRequest, EchoResponse>.Create(InteropReflection.Descriptor.Services[0], "Unary");

    private static readonly Method<StreamRequest, EchoResponse> ServerStream =
        Method<StreamRequest, EchoResponse>.Create(InteropReflection.Descriptor.Services[0], "ServerStream");

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = GrpcLoadOptions.Parse(args);
        using var channel = GrpcChannel.ForAddress(options.Target);
        var payload = ByteString.CopyFrom(new byte[options.Payload]);
        var culture = CultureInfo.InvariantCulture;
        if (options.Mode == "stream")
        {
            var perSecond = await StreamAsync(channel, payload, options).ConfigureAwait(false);
            Console.WriteLine(string.Create(culture, $"RESULT mode=stream msgs_per_s={perSecond:F0}"));
            return 0;
        }

        await UnaryLoadAsync(channel, payload, options.Concurrency, options.WarmupSeconds).ConfigureAwait(false);
        var (calls, latencies, elapsed) =
            await UnaryLoadAsync(channel, payload, options.Concurrency, options.Seconds).ConfigureAwait(false);
        Array.Sort(latencies);
        Console.WriteLine(string.Create(
            culture,
            $"RESULT mode=unary calls_per_s={calls / elapsed.TotalSeconds:F0} "
            + $"p50_us={Percentile(latencies, 0.50):F0} p99_us={Percentile(latencies, 0.99):F0} calls={calls}"));
        return 0;
    }

    private static async Task<(long Calls, double[] LatenciesUs, TimeSpan Elapsed)> UnaryLoadAsync(
        GrpcChannel channel, ByteString payload, int concurrency, double seconds)
    {
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = new Task<List<double>>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(() => UnaryWorkerAsync(channel, payload, end));
        }

        var results = await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = new List<double>();
        foreach (var result in results)
        {
            all.AddRange(result);
        }

        return (all.Count, [.. all], elapsed);
    }

    private static async Task<List<double>> UnaryWorkerAsync(GrpcChannel channel, ByteString payload, long end)
    {
        var latencies = new List<double>(1 << 16);
        var request = new EchoRequest { Payload = payload };
        long now;
        while ((now = Stopwatch.GetTimestamp()) < end)
        {
            await channel.UnaryAsync(Unary, request).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(now).TotalMicroseconds);
        }

        return latencies;
    }

    private static async Task<double> StreamAsync(GrpcChannel channel, ByteString payload, GrpcLoadOptions options)
    {
        // A deadline past the planned end turns a stalled server into an error instead of a hung run.
        var deadline = TimeSpan.FromSeconds(options.WarmupSeconds + options.Seconds + 30);
        using var call = channel.ServerStreamingCall(
            ServerStream,
            new StreamRequest { Payload = payload, Count = StreamCount },
            new CallOptions(Timeout: deadline));
        var reader = call.ResponseStream;
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(options.WarmupSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmupEnd && await reader.MoveNextAsync().ConfigureAwait(false))
        {
        }

        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(options.Seconds * Stopwatch.Frequency);
        long messages = 0;
        while (await reader.MoveNextAsync().ConfigureAwait(false))
        {
            // Checking the clock every 256 messages keeps it off the per-message cost.
            if ((++messages & 255) == 0 && Stopwatch.GetTimestamp() >= end)
            {
                break;
            }
        }

        return messages / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}
