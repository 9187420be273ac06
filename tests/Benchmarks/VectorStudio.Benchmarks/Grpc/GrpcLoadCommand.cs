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

        var request = new EchoRequest { Payload = payload };
        var result = await LoadRunner.RunAsync(
            options.Concurrency,
            TimeSpan.FromSeconds(options.WarmupSeconds),
            TimeSpan.FromSeconds(options.Seconds),
            _ => channel.UnaryAsync(Unary, request)).ConfigureAwait(false);
        Console.WriteLine(string.Create(
            culture,
            $"RESULT mode=unary calls_per_s={result.CallsPerSecond:F0} "
            + $"p50_us={result.P50Us:F0} p99_us={result.P99Us:F0} calls={result.Calls}"));
        return 0;
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
}
