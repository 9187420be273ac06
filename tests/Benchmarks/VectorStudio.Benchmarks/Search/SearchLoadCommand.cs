// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using VectorStudio.Client;
using VectorStudio.Contracts.V1;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;
using VectorStudio.Rpc.Client;
using VectorStudio.ShardNode;
using VectorStudio.ShardNode.Configuration;

namespace VectorStudio.Benchmarks.Search;

/// <summary>
/// <c>search-load</c>: the cost of the wire. The same k-NN searches (default 10k × 128 points,
/// k = 10, L2) run with N calls in flight twice: against the engine in-process, and over gRPC
/// against a node on loopback (in this process, so both share the same cores), from our client.
/// Prints calls/s, p50 and p99 for each and the wire's share of throughput.
/// </summary>
public static class SearchLoadCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var points = Arg(args, "--points", 10_000);
        var dimension = Arg(args, "--dim", 128);
        var k = Arg(args, "--k", 10);
        var concurrency = Arg(args, "--concurrency", 16);
        var seconds = Arg(args, "--seconds", 10);
        var random = new Random(7);
        var vectors = Enumerable.Range(0, points).Select(_ => RandomVector(random, dimension)).ToArray();
        var queries = Enumerable.Range(0, 1024).Select(_ => RandomVector(random, dimension)).ToArray();
        var warmUp = TimeSpan.FromSeconds(Math.Max(1, seconds / 5));
        var duration = TimeSpan.FromSeconds(seconds);

        using var database = new VectorDatabase();
        var collection = database.CreateCollection(new CollectionConfig("bench", dimension, DistanceMetric.Euclid));
        for (var start = 0; start < points; start += 5000)
        {
            collection.Upsert(vectors.Skip(start).Take(5000).Select((v, i) => new PointStruct(Engine.Storage.PointId.FromNumber((ulong)(start + i)), v)).ToArray());
        }

        var inProcess = await LoadRunner.RunAsync(concurrency, warmUp, duration, i => Task.Run(() =>
            collection.Search([queries[i % queries.Length]], k)));

        var dataDir = Directory.CreateTempSubdirectory("vs-bench-").FullName;
        var options = new NodeOptions(dataDir, IPAddress.Loopback, 0, 0, null, null, 64 << 20, "bench", LogLevel.Warning, 0);
        await using var node = await NodeHost.StartAsync(options, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.GrpcPort}");
        var client = new PointsClient(channel);
        await new CollectionsClient(channel).CreateAsync(new CreateCollectionRequest { Name = "bench", Dimension = (uint)dimension, Distance = Contracts.V1.Distance.Euclid });
        for (var start = 0; start < points; start += 5000)
        {
            var batch = new UpsertPointsRequest { Collection = "bench" };
            for (var i = start; i < Math.Min(points, start + 5000); i++)
            {
                batch.Points.Add(new Point { Id = new Contracts.V1.PointId { Num = (ulong)i }, Vector = { vectors[i] } });
            }

            await client.UpsertAsync(batch);
        }

        var requests = queries.Select(q => new SearchPointsRequest { Collection = "bench", Limit = (uint)k, Queries = { new QueryVector { Vector = { q } } } }).ToArray();
        var overGrpc = await LoadRunner.RunAsync(concurrency, warmUp, duration, i => client.SearchAsync(requests[i % requests.Length]));
        Directory.Delete(dataDir, recursive: true);

        Console.WriteLine($"search-load: {points} x {dimension} (L2), k = {k}, {concurrency} in flight, {seconds} s, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"path",-12} {"calls/s",10} {"p50 ms",8} {"p99 ms",8}");
        Print("in-process", inProcess);
        Print("gRPC", overGrpc);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gRPC / in-process throughput: {overGrpc.CallsPerSecond / inProcess.CallsPerSecond:F2} (the wire costs {(1 - (overGrpc.CallsPerSecond / inProcess.CallsPerSecond)) * 100:F0}%; target: at most 40%)"));
        return 0;
    }

    private static void Print(string label, LoadResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-12} {result.CallsPerSecond,10:F0} {result.P50Us / 1000,8:F2} {result.P99Us / 1000,8:F2}"));

    private static float[] RandomVector(Random random, int dimension)
    {
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return v;
    }

    private static int Arg(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }
}
