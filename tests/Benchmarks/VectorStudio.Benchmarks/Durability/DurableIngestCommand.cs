// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Rpc.Client;

namespace VectorStudio.Benchmarks.Durability;

/// <summary>
/// Durable ingest through gRPC into a real node process: 128-d points in batches of 100 from
/// <c>--concurrency</c> writers, with fsync <c>interval</c> and <c>always</c> (group commit); then the
/// recovery time of the ingested data (kill -9, restart, process start to ready). bench/durability/run.sh.
/// </summary>
/// <remarks>
/// Each mode gets its own node process and data directory. Before anything is measured, <c>--warmup</c>
/// points go into a separate collection that is then deleted, so JIT compilation and first allocations
/// (node and client) are not measured; each of the <c>--runs</c> measured runs then writes a fresh
/// collection, deleted after it. The RESULT line carries the median run.
/// </remarks>
public static class DurableIngestCommand
{
    public const string Usage =
        "durable-ingest [--points 200000] [--dim 128] [--batch 100] [--concurrency 32] [--modes interval,always] " +
        "[--warmup 20000] [--runs 1] [--recovery-points 1000000] [--node-dir DIR (vector-studio-node.dll to run)]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var points = Arg(args, "--points", 200_000);
        var dimension = Arg(args, "--dim", 128);
        var batch = Arg(args, "--batch", 100);
        var concurrency = Arg(args, "--concurrency", 32);
        var warmup = Arg(args, "--warmup", 20_000);
        var runs = Arg(args, "--runs", 1);
        var recoveryPoints = Arg(args, "--recovery-points", 1_000_000);
        var modes = (Text(args, "--modes") ?? "interval,always").Split(',');
        var nodeDir = Text(args, "--node-dir") ?? AppContext.BaseDirectory;
        if (points < 1 || batch < 1 || concurrency < 1 || runs < 1 || warmup < 0)
        {
            await Console.Error.WriteLineAsync($"durable-ingest: --points, --batch, --concurrency and --runs must be at least 1, --warmup at least 0\n{Usage}");
            return 2;
        }

        Console.WriteLine($"durable-ingest: {dimension}-d points in batches of {batch}, {concurrency} writers, {Environment.ProcessorCount} cores, node from {nodeDir}");
        Console.WriteLine($"warm-up: {warmup} points per node into a separate collection (deleted, not measured); then {runs} measured run(s) per mode, each on a fresh collection");
        foreach (var mode in modes)
        {
            var dataDir = Directory.CreateTempSubdirectory("vs-ingest-").FullName;
            try
            {
                using var node = await NodeLauncher.StartAsync(nodeDir, dataDir);
                using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.GrpcPort}");
                var load = new IngestLoad(channel, dimension, batch, concurrency);
                if (warmup > 0)
                {
                    await load.RunAsync("warmup", mode, warmup);
                    await load.DropAsync("warmup");
                }

                var rates = new List<double>();
                for (var run = 1; run <= runs; run++)
                {
                    var collection = $"ingest-{run}";
                    var (nodeCpu, clientCpu, gc) = (node.CpuTime, ClientCpu(), await NodeGcCounters.ReadAsync(node.HttpPort));
                    var rate = await load.RunAsync(collection, mode, points);
                    (nodeCpu, clientCpu) = (node.CpuTime - nodeCpu, ClientCpu() - clientCpu);
                    gc = await NodeGcCounters.ReadAsync(node.HttpPort) - gc;
                    await load.DropAsync(collection);
                    rates.Add(rate);

                    // CPU per point is steadier than points/s on a shared machine: other processes take cores
                    // away (fewer points/s) but hardly change what one point costs.
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"RUN mode={mode} run={run} points={points} points_per_s={rate:F0} " +
                        $"node_cpu_us_per_point={nodeCpu.TotalMicroseconds / points:F1} client_cpu_us_per_point={clientCpu.TotalMicroseconds / points:F1} " +
                        $"node_alloc_bytes_per_point={(gc.AllocatedBytes < 0 ? "n/a" : (gc.AllocatedBytes / points).ToString("F0", CultureInfo.InvariantCulture))} node_gcs={gc.Collections:F0}"));
                }

                rates.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RESULT mode={mode} points={points} points_per_s={Median(rates):F0} runs={runs} min={rates[0]:F0} max={rates[^1]:F0} warmup={warmup}"));
            }
            finally
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        if (recoveryPoints > 0)
        {
            await MeasureRecoveryAsync(nodeDir, recoveryPoints, dimension, batch, concurrency);
        }

        return 0;
    }

    private static async Task MeasureRecoveryAsync(string nodeDir, int points, int dimension, int batch, int concurrency)
    {
        var dataDir = Directory.CreateTempSubdirectory("vs-recover-").FullName;
        try
        {
            using (var node = await NodeLauncher.StartAsync(nodeDir, dataDir))
            {
                using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.GrpcPort}");
                var rate = await new IngestLoad(channel, dimension, batch, concurrency).RunAsync("ingest", "interval", points);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {points} points for recovery at {rate:F0} points/s; kill -9"));
                node.Kill();
            }

            var walBytes = Directory.GetFiles(Path.Combine(dataDir, "wal")).Sum(f => new FileInfo(f).Length);
            var snapBytes = Directory.GetFiles(Path.Combine(dataDir, "snapshots"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            using var restarted = await NodeLauncher.StartAsync(nodeDir, dataDir);
            Console.WriteLine(restarted.RecoveryLine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT recovery points={points} wal_mb={walBytes / 1048576.0:F0} snapshot_mb={snapBytes / 1048576.0:F0} start_to_ready_s={restarted.StartToReady.TotalSeconds:F2}"));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static TimeSpan ClientCpu()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

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
