// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using VectorStudio.Client;
using VectorStudio.Contracts.V1;
using VectorStudio.Rpc.Client;

namespace VectorStudio.Benchmarks.Durability;

/// <summary>
/// Durable ingest through gRPC into a real node process: 128-d points in batches of 100 from
/// <c>--concurrency</c> writers, with fsync <c>interval</c> and <c>always</c> (group commit); then the
/// recovery time of the ingested data (kill -9, restart, process start to ready). bench/durability/run.sh.
/// </summary>
public static class DurableIngestCommand
{
    public const string Usage =
        "durable-ingest [--points 200000] [--dim 128] [--batch 100] [--concurrency 32] [--modes interval,always] [--recovery-points 1000000]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var points = Arg(args, "--points", 200_000);
        var dimension = Arg(args, "--dim", 128);
        var batch = Arg(args, "--batch", 100);
        var concurrency = Arg(args, "--concurrency", 32);
        var recoveryPoints = Arg(args, "--recovery-points", 1_000_000);
        var modes = (Text(args, "--modes") ?? "interval,always").Split(',');
        Console.WriteLine($"durable-ingest: {dimension}-d points in batches of {batch}, {concurrency} writers, {Environment.ProcessorCount} cores");
        foreach (var mode in modes)
        {
            var dataDir = Directory.CreateTempSubdirectory("vs-ingest-").FullName;
            try
            {
                using var node = await NodeLauncher.StartAsync(dataDir);
                var rate = await IngestAsync(node.GrpcPort, mode, points, dimension, batch, concurrency);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT mode={mode} points={points} points_per_s={rate:F0}"));
            }
            finally
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        if (recoveryPoints > 0)
        {
            await MeasureRecoveryAsync(recoveryPoints, dimension, batch, concurrency);
        }

        return 0;
    }

    private static async Task MeasureRecoveryAsync(int points, int dimension, int batch, int concurrency)
    {
        var dataDir = Directory.CreateTempSubdirectory("vs-recover-").FullName;
        try
        {
            using (var node = await NodeLauncher.StartAsync(dataDir))
            {
                var rate = await IngestAsync(node.GrpcPort, "interval", points, dimension, batch, concurrency);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {points} points for recovery at {rate:F0} points/s; kill -9"));
                node.Kill();
            }

            var walBytes = Directory.GetFiles(Path.Combine(dataDir, "wal")).Sum(f => new FileInfo(f).Length);
            var snapBytes = Directory.GetFiles(Path.Combine(dataDir, "snapshots"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            using var restarted = await NodeLauncher.StartAsync(dataDir);
            Console.WriteLine(restarted.RecoveryLine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT recovery points={points} wal_mb={walBytes / 1048576.0:F0} snapshot_mb={snapBytes / 1048576.0:F0} start_to_ready_s={restarted.StartToReady.TotalSeconds:F2}"));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Creates a collection with the fsync mode, sends every batch once from the writers; returns points/s.</summary>
    private static async Task<double> IngestAsync(int port, string mode, int points, int dimension, int batch, int concurrency)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var collections = new CollectionsClient(channel);
        var client = new PointsClient(channel);
        await collections.CreateAsync(new CreateCollectionRequest
        {
            Name = "ingest",
            Dimension = (uint)dimension,
            Distance = Contracts.V1.Distance.Dot,
            Durability = new Contracts.V1.Durability { Fsync = mode == "always" ? FsyncMode.Always : FsyncMode.Interval },
        });
        // Requests are built first so the client's own work is not what is measured.
        var random = new Random(11);
        var requests = new UpsertPointsRequest[(points + batch - 1) / batch];
        for (var r = 0; r < requests.Length; r++)
        {
            var request = new UpsertPointsRequest { Collection = "ingest" };
            for (var i = r * batch; i < Math.Min(points, (r + 1) * batch); i++)
            {
                var point = new Point { Id = new Contracts.V1.PointId { Num = (ulong)i } };
                for (var d = 0; d < dimension; d++)
                {
                    point.Vector.Add((float)(random.NextDouble() * 2 - 1));
                }

                request.Points.Add(point);
            }

            requests[r] = request;
        }

        var next = -1;
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int r;
            while ((r = Interlocked.Increment(ref next)) < requests.Length)
            {
                await client.UpsertAsync(requests[r]);
            }
        }));
        await Task.WhenAll(writers);
        return points / clock.Elapsed.TotalSeconds;
    }

    private static int Arg(IReadOnlyList<string> args, string name, int fallback) =>
        Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? Text(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
