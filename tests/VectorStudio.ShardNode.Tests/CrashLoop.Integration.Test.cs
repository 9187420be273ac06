// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;
using Xunit.Abstractions;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// kill -9 at random moments while concurrent clients upsert and delete; after every restart each id holds
/// exactly its last acknowledged state, and a batch in flight at the kill is there whole or not at all.
/// </summary>
/// <remarks>
/// Each writer owns the ids ≡ its index (mod writers), so per id the operations are sequential and the
/// last acknowledged one is well defined. VS_CRASH_CYCLES raises the cycle count (bench/durability/crash-loop.sh).
/// </remarks>
public sealed class CrashLoopIntegrationTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 4;
    private const int IdsPerWriter = 60;
    private const int Dimension = 8;
    private const string Collection = "crash";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("vs-crash-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task CrashLoop_Should_KeepEveryAcknowledgedWrite_When_TheNodeIsKilledRepeatedly()
    {
        // 10 cycles by default: about 2-4 s each (node start + up to 1.5 s of traffic + checks) on a busy 2-core machine.
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("VS_CRASH_CYCLES"), CultureInfo.InvariantCulture, out var n) ? n : 10;
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}, {cycles} cycles");
        var rng = new Random(seed);
        var model = new Dictionary<ulong, float?>(); // id → value of vector[0] (null: absent)
        var sequence = 0;
        var acknowledged = 0L;
        var clock = Stopwatch.StartNew();
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            await using var node = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false, "--snapshot-every-wal-mb", "1");
            if (cycle == 0)
            {
                await node.Collections.CreateAsync(new CreateCollectionRequest { Name = Collection, Dimension = Dimension, Distance = Distance.Euclid });
            }

            await VerifyAsync(node, model, null, cycle);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers)
                .Select(w => Task.Run(() => WriteAsync(node, w, rng.Next(), () => Interlocked.Increment(ref sequence), stop.Token)))
                .ToArray();
            await Task.Delay(rng.Next(200, 1500));
            await node.KillAsync();
            await stop.CancelAsync();
            var results = await Task.WhenAll(writers);
            foreach (var result in results)
            {
                foreach (var (id, value) in result.Acknowledged)
                {
                    model[id] = value;
                }

                acknowledged += result.Count;
            }

            await using var restarted = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false);
            foreach (var inFlight in results.Select(r => r.InFlight).OfType<Batch>())
            {
                await VerifyAsync(restarted, model, inFlight, cycle);
            }

            await VerifyAsync(restarted, model, null, cycle);
            await restarted.KillAsync();
        }

        output.WriteLine($"{cycles} cycles, {acknowledged} acknowledged operations, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(acknowledged > cycles, $"the writers got only {acknowledged} acknowledgements in {cycles} cycles");
    }

    /// <summary>
    /// Compares the node with the model. With an in-flight batch, its ids must all show the batch or all show
    /// the model; the model then takes what the node shows.
    /// </summary>
    private static async Task VerifyAsync(NodeProcess node, Dictionary<ulong, float?> model, Batch? inFlight, int cycle)
    {
        var ids = inFlight?.Values.Keys.ToList() ?? [.. Enumerable.Range(0, Writers * IdsPerWriter).Select(i => (ulong)i)];
        var response = await node.Points.GetAsync(new GetPointsRequest { Collection = Collection, Ids = { ids.Select(i => new PointId { Num = i }) }, WithVectors = true });
        var actual = ids.ToDictionary(i => i, _ => (float?)null);
        foreach (var point in response.Points)
        {
            actual[point.Id.Num] = point.Vector[0];
        }

        var expected = ids.ToDictionary(i => i, i => model.GetValueOrDefault(i));
        if (inFlight is null)
        {
            Assert.True(Same(expected, actual), $"cycle {cycle}: {Diff(expected, actual)}");
            return;
        }

        var applied = Same(inFlight.Values, actual);
        Assert.True(applied || Same(expected, actual), $"cycle {cycle}: a batch in flight is half-applied: {Diff(expected, actual)}");
        foreach (var (id, value) in actual)
        {
            model[id] = value;
        }
    }

    private static bool Same(Dictionary<ulong, float?> a, Dictionary<ulong, float?> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && Nullable.Equals(v, p.Value));

    private static string Diff(IReadOnlyDictionary<ulong, float?> expected, IReadOnlyDictionary<ulong, float?> actual) =>
        string.Join("; ", expected.Where(p => !Nullable.Equals(actual.GetValueOrDefault(p.Key), p.Value))
            .Take(10).Select(p => $"id {p.Key}: expected {p.Value?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, got {actual.GetValueOrDefault(p.Key)?.ToString(CultureInfo.InvariantCulture) ?? "absent"}"));

    /// <summary>Upserts and deletes on this writer's ids until the node dies; returns what was acknowledged, in order.</summary>
    private static async Task<WriterResult> WriteAsync(NodeProcess node, int writer, int seed, Func<int> next, CancellationToken stop)
    {
        var rng = new Random(seed);
        var acknowledged = new List<(ulong, float?)>();
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            var size = rng.Next(1, 12);
            var ids = Enumerable.Range(0, size).Select(_ => (ulong)((rng.Next(IdsPerWriter) * Writers) + writer)).Distinct().ToList();
            var delete = rng.Next(4) == 0;
            var value = (float)next();
            var batch = new Batch(ids.ToDictionary(i => i, _ => delete ? (float?)null : value));
            try
            {
                if (delete)
                {
                    await node.Points.DeleteAsync(new DeletePointsRequest { Collection = Collection, Ids = new PointIdList { Ids = { ids.Select(i => new PointId { Num = i }) } } });
                }
                else
                {
                    var request = new UpsertPointsRequest { Collection = Collection };
                    foreach (var id in ids)
                    {
                        var point = new Point { Id = new PointId { Num = id } };
                        point.Vector.Add(value);
                        point.Vector.Add(Enumerable.Repeat((float)id, Dimension - 1));
                        request.Points.Add(point);
                    }

                    await node.Points.UpsertAsync(request);
                }
            }
            catch (RpcException)
            {
                // Killed mid-call: unacknowledged, may or may not have been applied (whole).
                return new WriterResult(acknowledged, count, batch);
            }

            acknowledged.AddRange(batch.Values.Select(p => (p.Key, p.Value)));
            count++;
        }

        return new WriterResult(acknowledged, count, null);
    }

    private sealed record Batch(Dictionary<ulong, float?> Values);

    private sealed record WriterResult(List<(ulong Id, float? Value)> Acknowledged, int Count, Batch? InFlight);
}
