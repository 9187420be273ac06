// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Cli.Import;
using VectorStudio.Cli.Output;
using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;

namespace VectorStudio.Cli.Commands;

/// <summary><c>vsctl upsert|get|search|count|delete|scroll</c>.</summary>
internal static class PointsCommands
{
    public static async Task<int> UpsertAsync(CliContext ctx, CommandLine cl)
    {
        var point = new Point { Id = Parsing.Id(cl.Option("id") ?? throw new UsageException("upsert needs --id ID")) };
        var vector = cl.Option("vector");
        var text = cl.Option("text");
        if ((vector is null) == (text is null) || text?.Length == 0)
        {
            throw new UsageException("upsert needs exactly one of --vector 1,2,3 or --text TEXT (for a collection with an embedder)");
        }

        if (text is not null)
        {
            point.Text = text;
        }
        else
        {
            point.Vector.Add(Parsing.Vector(vector!));
        }

        if (Parsing.Payload(cl.Option("payload")) is { } payload)
        {
            point.Payload.Add(payload);
        }

        var request = new UpsertPointsRequest { Collection = cl.RequirePositional(1, "collection name"), Points = { point } };
        cl.EnsureAllUsed(2);
        var response = await ctx.Points.UpsertAsync(request, ctx.Call());
        if (ctx.Json)
        {
            ctx.WriteJson(response);
        }
        else
        {
            await ctx.Output.WriteLineAsync($"upserted {response.Upserted} point");
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> GetAsync(CliContext ctx, CommandLine cl)
    {
        var request = new GetPointsRequest
        {
            Collection = cl.RequirePositional(1, "collection name"),
            WithPayload = true,
            WithVectors = cl.Flag("with-vectors"),
        };
        request.Ids.Add(cl.Positionals.Skip(2).Select(Parsing.Id));
        if (request.Ids.Count == 0)
        {
            throw new UsageException("get needs at least one point id");
        }

        cl.EnsureAllUsed(cl.Positionals.Count);
        var response = await ctx.Points.GetAsync(request, ctx.Call());
        if (ctx.Json)
        {
            ctx.WriteJson(response);
            return ExitCodes.Ok;
        }

        var table = new Table("ID", "PAYLOAD", "VECTOR");
        foreach (var p in response.Points)
        {
            table.Add(Parsing.Format(p.Id), Parsing.Payload(p.Payload), FormatVector(p.Vector));
        }

        await ctx.Output.WriteAsync(table.ToString());
        return response.Points.Count == request.Ids.Count ? ExitCodes.Ok : ExitCodes.RpcError;
    }

    public static async Task<int> SearchAsync(CliContext ctx, CommandLine cl)
    {
        var request = new SearchPointsRequest
        {
            Collection = cl.RequirePositional(1, "collection name"),
            Limit = (uint)cl.Number("k", 10, 1, 10_000),
            Filter = Parsing.Filter(cl.Option("filter")),
            WithPayload = cl.Flag("with-payload"),
            WithVectors = cl.Flag("with-vectors"),
            Params = new SearchParams { HnswEf = (uint)cl.Number("ef", 0, 0, 4096), Exact = cl.Flag("exact") },
        };
        if (cl.Option("threshold") is { } threshold)
        {
            request.ScoreThreshold = float.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
                ? t
                : throw new UsageException($"--threshold '{threshold}' is not a number");
        }

        var vector = cl.Option("vector");
        var text = cl.Option("text");
        var file = cl.Option("file");
        var format = Parsing.Format(cl.Option("format"));
        var maxQueries = (int)cl.Number("max-queries", 1024, 1, 1024);
        cl.EnsureAllUsed(2);
        if (new[] { vector, text, file }.Count(o => o is not null) != 1 || text?.Length == 0)
        {
            throw new UsageException(
                "search needs exactly one of --vector 1,2,3, --text TEXT or --file QUERIES (jsonl with vectors or texts, fvecs, bvecs, npy)");
        }

        request.Queries.Add(
            vector is not null ? [new QueryVector { Vector = { Parsing.Vector(vector) } }]
            : text is not null ? [new QueryVector { Text = text }]
            : VectorSource.Open(file!, format).Read().Take(maxQueries).Select(Query));
        var response = await ctx.Points.SearchAsync(request, ctx.Call());
        if (ctx.Json)
        {
            ctx.WriteJson(response);
            return ExitCodes.Ok;
        }

        for (var i = 0; i < response.Results.Count; i++)
        {
            if (response.Results.Count > 1)
            {
                await ctx.Output.WriteLineAsync($"query {i}:");
            }

            var table = new Table("RANK", "ID", "SCORE", "PAYLOAD");
            var rank = 1;
            foreach (var hit in response.Results[i].Points)
            {
                table.Add(rank++, Parsing.Format(hit.Id), hit.Score.ToString("G6", CultureInfo.InvariantCulture), Parsing.Payload(hit.Payload));
            }

            await ctx.Output.WriteAsync(table.ToString());
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> CountAsync(CliContext ctx, CommandLine cl)
    {
        var request = new CountPointsRequest { Collection = cl.RequirePositional(1, "collection name"), Filter = Parsing.Filter(cl.Option("filter")) };
        cl.EnsureAllUsed(2);
        var response = await ctx.Points.CountAsync(request, ctx.Call());
        if (ctx.Json)
        {
            ctx.WriteJson(response);
        }
        else
        {
            await ctx.Output.WriteLineAsync(response.Count.ToString(CultureInfo.InvariantCulture));
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> DeleteAsync(CliContext ctx, CommandLine cl)
    {
        var request = new DeletePointsRequest { Collection = cl.RequirePositional(1, "collection name") };
        var ids = cl.Option("ids");
        var filter = Parsing.Filter(cl.Option("filter"));
        cl.EnsureAllUsed(2);
        if ((ids is null) == (filter is null))
        {
            throw new UsageException("delete needs exactly one of --ids 1,2,a or --filter JSON");
        }

        if (ids is not null)
        {
            request.Ids = new PointIdList { Ids = { ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parsing.Id) } };
        }
        else
        {
            request.Filter = filter;
        }

        var response = await ctx.Points.DeleteAsync(request, ctx.Call());
        if (ctx.Json)
        {
            ctx.WriteJson(response);
        }
        else
        {
            await ctx.Output.WriteLineAsync($"deleted {response.Deleted} points");
        }

        return ExitCodes.Ok;
    }

    public static async Task<int> ScrollAsync(CliContext ctx, CommandLine cl)
    {
        var request = new ScrollPointsRequest
        {
            Collection = cl.RequirePositional(1, "collection name"),
            Filter = Parsing.Filter(cl.Option("filter")),
            Limit = (ulong)cl.Number("limit", 100, 0, long.MaxValue),
            WithPayload = true,
            WithVectors = cl.Flag("with-vectors"),
        };
        cl.EnsureAllUsed(2);
        using var call = ctx.Points.Scroll(request, ctx.Call());
        var table = new Table("ID", "PAYLOAD", "VECTOR");
        await foreach (var page in call.ResponseStream.ReadAllAsync())
        {
            if (ctx.Json)
            {
                ctx.WriteJson(page);
                continue;
            }

            foreach (var p in page.Points)
            {
                table.Add(Parsing.Format(p.Id), Parsing.Payload(p.Payload), FormatVector(p.Vector));
            }
        }

        if (!ctx.Json)
        {
            await ctx.Output.WriteAsync(table.ToString());
        }

        return ExitCodes.Ok;
    }

    private static QueryVector Query(ImportRecord record) =>
        record.Text is not null ? new QueryVector { Text = record.Text } : new QueryVector { Vector = { record.Vector } };

    private static string FormatVector(Google.Protobuf.Collections.RepeatedField<float> vector) => vector.Count switch
    {
        0 => string.Empty,
        <= 6 => "[" + string.Join(", ", vector.Select(v => v.ToString("G4", CultureInfo.InvariantCulture))) + "]",
        _ => "[" + string.Join(", ", vector.Take(4).Select(v => v.ToString("G4", CultureInfo.InvariantCulture))) + $", … ({vector.Count} dims)]",
    };
}
