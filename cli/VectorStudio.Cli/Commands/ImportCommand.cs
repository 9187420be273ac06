// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Cli.Import;
using VectorStudio.Cli.Output;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Commands;

/// <summary>
/// <c>vsctl import COLLECTION FILE</c>: reads JSONL, fvecs, bvecs or npy and upserts in batches
/// (unary calls, or one client stream with <c>--stream</c>), with a progress bar and rate.
/// </summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(CliContext ctx, CommandLine cl)
    {
        var collection = cl.RequirePositional(1, "collection name");
        var path = cl.RequirePositional(2, "input file");
        var format = Parsing.Format(cl.Option("format"));
        var batchSize = (int)cl.Number("batch", 1000, 1, 10_000);
        var firstId = (ulong)cl.Number("first-id", 0, 0, long.MaxValue);
        var stream = cl.Flag("stream");
        cl.EnsureAllUsed(3);

        var source = VectorSource.Open(path, format);
        var progress = new ProgressBar($"import {Path.GetFileName(path)}", source.Count);
        var clock = Stopwatch.StartNew();
        long done = 0;
        var result = stream
            ? await StreamAsync(ctx, collection, source, firstId, batchSize, n => progress.Report(done += n))
            : await UnaryAsync(ctx, collection, source, firstId, batchSize, n => progress.Report(done += n));
        progress.Complete(done);
        if (ctx.Json)
        {
            ctx.WriteJson(result);
        }
        else
        {
            await ctx.Output.WriteLineAsync(
                $"imported {result.Upserted:N0} points into {collection} in {clock.Elapsed.TotalSeconds:F1}s ({result.Upserted / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} points/s)");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Groups records into upsert requests of at most <paramref name="batchSize"/> points.</summary>
    public static IEnumerable<UpsertPointsRequest> Batches(string collection, IEnumerable<ImportRecord> records, int batchSize)
    {
        var request = new UpsertPointsRequest { Collection = collection };
        foreach (var record in records)
        {
            var point = new Point { Id = record.Id, Text = record.Text ?? string.Empty };
            point.Vector.Add(record.Vector);
            foreach (var (key, value) in record.Payload ?? new Dictionary<string, Value>())
            {
                point.Payload[key] = value;
            }

            request.Points.Add(point);
            if (request.Points.Count == batchSize)
            {
                yield return request;
                request = new UpsertPointsRequest { Collection = collection };
            }
        }

        if (request.Points.Count > 0)
        {
            yield return request;
        }
    }

    private static async Task<UpsertPointsResponse> UnaryAsync(
        CliContext ctx, string collection, VectorSource source, ulong firstId, int batchSize, Action<int> report)
    {
        // Two batches in flight: the next one is read and encoded while the server stores the last.
        var total = new UpsertPointsResponse();
        Task<UpsertPointsResponse>? pending = null;
        var pendingCount = 0;
        foreach (var batch in Batches(collection, source.Read(firstId), batchSize))
        {
            if (pending is not null)
            {
                Add(total, await pending);
                report(pendingCount);
            }

            pending = ctx.Points.UpsertAsync(batch, ctx.Call());
            pendingCount = batch.Points.Count;
        }

        if (pending is not null)
        {
            Add(total, await pending);
            report(pendingCount);
        }

        return total;
    }

    private static async Task<UpsertPointsResponse> StreamAsync(
        CliContext ctx, string collection, VectorSource source, ulong firstId, int batchSize, Action<int> report)
    {
        using var call = ctx.Points.UpsertStream(ctx.Call());
        foreach (var batch in Batches(collection, source.Read(firstId), batchSize))
        {
            await call.RequestStream.WriteAsync(batch);
            report(batch.Points.Count);
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private static void Add(UpsertPointsResponse total, UpsertPointsResponse part)
    {
        total.Upserted += part.Upserted;
        total.Lsn = Math.Max(total.Lsn, part.Lsn);
    }
}
