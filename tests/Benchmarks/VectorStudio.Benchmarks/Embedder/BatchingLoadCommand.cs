// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using VectorStudio.Client;
using VectorStudio.EmbedderNode;
using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.Hosting;
using VectorStudio.Rpc.Client;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// <c>embed-load</c>: what dynamic micro-batching buys. An embedder node (in this process, on loopback)
/// serves N concurrent single-text Embed calls over gRPC twice: with batches of one (no batching) and
/// with micro-batching (max batch, max wait). Prints calls/s, p50, p99 of each and the ratio.
/// </summary>
public static class BatchingLoadCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var model = Text(args, "--model") ?? throw new ArgumentException("--model DIR (a model package) is required");
        var concurrency = Arg(args, "--concurrency", 64);
        var seconds = Arg(args, "--seconds", 5);
        var threads = Arg(args, "--threads", Environment.ProcessorCount);
        var maxBatch = Arg(args, "--max-batch", 32);
        var waitMs = Arg(args, "--wait-ms", 2);
        var texts = Enumerable.Range(0, 256)
            .Select(i => $"sentence {i}: vector databases answer nearest neighbour queries over embeddings")
            .ToArray();

        var single = await RunOnceAsync(model, threads, 1, 0, concurrency, seconds, texts);
        var batched = await RunOnceAsync(model, threads, maxBatch, waitMs, concurrency, seconds, texts);
        Console.WriteLine($"embed-load: {concurrency} concurrent single-text calls, {threads} threads, {seconds} s each");
        Console.WriteLine($"  no batching        {Describe(single)}");
        Console.WriteLine($"  batch {maxBatch,3}, {waitMs} ms   {Describe(batched)}");
        Console.WriteLine(FormattableString.Invariant($"  batching / none: {batched.CallsPerSecond / single.CallsPerSecond:0.00}x"));
        return 0;
    }

    private static async Task<LoadResult> RunOnceAsync(
        string model, int threads, int maxBatch, int waitMs, int concurrency, int seconds, string[] texts)
    {
        var server = new ServerOptions(IPAddress.Loopback, 0, 0, null, null, 16 << 20, "bench", LogLevel.Warning);
        var options = new EmbedderOptions(
            server, Path.GetFullPath(model), "cpu", false, threads, maxBatch, TimeSpan.FromMilliseconds(waitMs), 100_000, 256);
        await using var node = await EmbedderHost.StartAsync(options, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.GrpcPort}");
        var client = new EmbedderClient(channel);
        return await LoadRunner.RunAsync(
            concurrency,
            TimeSpan.FromSeconds(Math.Max(1, seconds / 5)),
            TimeSpan.FromSeconds(seconds),
            i => client.EmbedAsync([texts[i % texts.Length]]));
    }

    private static string Describe(LoadResult r) => FormattableString.Invariant(
        $"{r.CallsPerSecond,8:0} calls/s   p50 {r.P50Us / 1000,7:0.00} ms   p99 {r.P99Us / 1000,7:0.00} ms");

    private static string? Text(IReadOnlyList<string> args, string name)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    private static int Arg(IReadOnlyList<string> args, string name, int fallback) =>
        Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
