// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using VectorStudio.Cli.Import;
using VectorStudio.Cli.Output;
using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;

namespace VectorStudio.Cli.Commands;

/// <summary>
/// <c>vsctl demo</c>: creates a collection of synthetic "products" (clustered vectors by category,
/// with category / price / rating / stock payloads), loads it with a progress bar, then runs a
/// search, a filtered search and a filtered count, printing what it does and how long it took.
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] Categories = ["books", "music", "games", "garden", "kitchen", "sports", "toys", "tools"];

    public static async Task<int> RunAsync(CliContext ctx, CommandLine cl)
    {
        var name = cl.Option("collection") ?? "demo";
        var count = (int)cl.Number("points", 20_000, 1, 1_000_000);
        const int Dimension = 64;
        cl.EnsureAllUsed(1);
        var output = ctx.Output;

        await output.WriteLineAsync($"1. Creating collection '{name}' ({Dimension}-d vectors, cosine).");
        try
        {
            var old = await ctx.Collections.DeleteAsync(name, ctx.Call());
            await output.WriteLineAsync($"   (replaced an existing '{name}' that held {old.PointsDeleted} points)");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }

        await ctx.Collections.CreateAsync(
            new CreateCollectionRequest { Name = name, Dimension = Dimension, Distance = Distance.Cosine },
            ctx.Call());

        await output.WriteLineAsync($"2. Loading {count:N0} sample products in batches of 1,000.");
        var points = Generate(count, Dimension, seed: 42).ToList();
        var progress = new ProgressBar("   upsert", count);
        var clock = Stopwatch.StartNew();
        var done = 0L;
        var records = points.Select(p => new ImportRecord(p.Id, [.. p.Vector], p.Payload));
        foreach (var batch in ImportCommand.Batches(name, records, 1000))
        {
            await ctx.Points.UpsertAsync(batch, ctx.Call());
            done += batch.Points.Count;
            progress.Report(done);
        }

        progress.Complete(done);
        await output.WriteLineAsync($"   {count / clock.Elapsed.TotalSeconds:N0} points/s");

        var probe = points[Math.Min(42, count - 1)];
        await output.WriteLineAsync($"3. Top 5 products like #{probe.Id.Num} ({Parsing.Payload(probe.Payload)}):");
        await SearchAsync(ctx, name, probe, filter: null);

        var filter = new Filter
        {
            Must =
            {
                new Condition { Field = new FieldCondition { Key = "category", Match = new Match { Keyword = "books" } } },
                new Condition { Field = new FieldCondition { Key = "price", Range = new Contracts.V1.Range { Lt = 20 } } },
            },
        };
        await output.WriteLineAsync("4. The same query, only books under 20:");
        await SearchAsync(ctx, name, probe, filter);

        var inStock = new Filter { Must = { filter.Must[0], new Condition { Field = new FieldCondition { Key = "in_stock", Match = new Match { Boolean = true } } } } };
        var counted = await ctx.Points.CountAsync(new CountPointsRequest { Collection = name, Filter = inStock }, ctx.Call());
        await output.WriteLineAsync($"5. Books in stock: {counted.Count:N0} of {count:N0} products.");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Try it yourself:");
        await output.WriteLineAsync($"   vsctl collections info {name}");
        await output.WriteLineAsync($"   vsctl get {name} {probe.Id.Num} --with-vectors");
        var vector = string.Join(',', probe.Vector.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)));
        await output.WriteLineAsync($"   vsctl search {name} --k 5 --with-payload --vector {vector}");
        await output.WriteLineAsync($"   vsctl count {name} --filter '{{\"must\":[{{\"field\":{{\"key\":\"category\",\"match\":{{\"keyword\":\"toys\"}}}}}}]}}'");
        return ExitCodes.Ok;
    }

    private static async Task SearchAsync(CliContext ctx, string name, Point probe, Filter? filter)
    {
        var request = new SearchPointsRequest { Collection = name, Limit = 5, WithPayload = true, Filter = filter };
        request.Queries.Add(new QueryVector { Vector = { probe.Vector } });
        var clock = Stopwatch.StartNew();
        var response = await ctx.Points.SearchAsync(request, ctx.Call());
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var table = new Table("RANK", "ID", "SCORE", "PAYLOAD");
        var rank = 1;
        foreach (var hit in response.Results[0].Points)
        {
            table.Add(rank++, Parsing.Format(hit.Id), hit.Score.ToString("F4", CultureInfo.InvariantCulture), Parsing.Payload(hit.Payload));
        }

        await ctx.Output.WriteAsync(table.ToString());
        await ctx.Output.WriteLineAsync($"   ({elapsed:F1} ms round trip)");
    }

    /// <summary>Products clustered by category: a random centre per category plus noise.</summary>
    private static IEnumerable<Point> Generate(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var centres = Categories.Select(_ => Enumerable.Range(0, dimension).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray()).ToArray();
        for (var i = 0; i < count; i++)
        {
            var category = random.Next(Categories.Length);
            var point = new Point { Id = new PointId { Num = (ulong)i } };
            point.Vector.Add(centres[category].Select(c => c + (float)(random.NextDouble() - 0.5) * 0.8f));
            point.Payload.Add("category", new Value { StringValue = Categories[category] });
            point.Payload.Add("price", new Value { IntegerValue = 1 + random.Next(200) });
            point.Payload.Add("rating", new Value { DoubleValue = Math.Round(1 + random.NextDouble() * 4, 1) });
            point.Payload.Add("in_stock", new Value { BoolValue = random.Next(4) != 0 });
            yield return point;
        }
    }
}
