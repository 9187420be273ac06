// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli.Output;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Commands;

/// <summary><c>vsctl collections create|list|info|delete</c>.</summary>
internal static class CollectionsCommands
{
    public static async Task<int> RunAsync(CliContext ctx, CommandLine cl)
    {
        var verb = cl.RequirePositional(1, "collections subcommand (create, list, info, delete)");
        switch (verb)
        {
            case "create":
                return await CreateAsync(ctx, cl);
            case "list":
                cl.EnsureAllUsed(2);
                var list = await ctx.Collections.ListAsync(ctx.Call());
                if (ctx.Json)
                {
                    ctx.WriteJson(list);
                    return ExitCodes.Ok;
                }

                var table = new Table("NAME", "DIM", "METRIC", "INDEX", "POINTS");
                foreach (var c in list.Collections)
                {
                    table.Add(c.Name, c.Dimension, Parsing.Metric(c.Distance), IndexName(c.Index), c.PointCount);
                }

                await ctx.Output.WriteAsync(table.ToString());
                return ExitCodes.Ok;
            case "info":
                var name = cl.RequirePositional(2, "collection name");
                cl.EnsureAllUsed(3);
                var info = await ctx.Collections.GetAsync(name, ctx.Call());
                WriteInfo(ctx, info);
                return ExitCodes.Ok;
            case "delete":
                var victim = cl.RequirePositional(2, "collection name");
                cl.EnsureAllUsed(3);
                var deleted = await ctx.Collections.DeleteAsync(victim, ctx.Call());
                if (ctx.Json)
                {
                    ctx.WriteJson(deleted);
                }
                else
                {
                    await ctx.Output.WriteLineAsync($"deleted collection {victim} ({deleted.PointsDeleted} points)");
                }

                return ExitCodes.Ok;
            default:
                throw new UsageException($"unknown collections subcommand '{verb}'; accepted: create, list, info, delete");
        }
    }

    private static async Task<int> CreateAsync(CliContext ctx, CommandLine cl)
    {
        var request = new CreateCollectionRequest
        {
            Name = cl.RequirePositional(2, "collection name"),
            Dimension = (uint)cl.Number("dim", 0, 1, 65536),
            Distance = Parsing.Metric(cl.Option("metric")),
            Index = new IndexParams
            {
                Kind = cl.Option("index")?.ToUpperInvariant() switch
                {
                    null => IndexKind.Unspecified,
                    "FLAT" => IndexKind.Flat,
                    "HNSW" => IndexKind.Hnsw,
                    var other => throw new UsageException($"--index '{other}' is not one of: flat, hnsw"),
                },
                Hnsw = new HnswParams
                {
                    M = (uint)cl.Number("m", 0, 0, 128),
                    EfConstruct = (uint)cl.Number("ef-construct", 0, 0, 4096),
                    Ef = (uint)cl.Number("ef", 0, 0, 4096),
                },
                Int8Quantization = cl.Flag("int8"),
            },
            Durability = new Durability
            {
                Fsync = cl.Option("fsync")?.ToUpperInvariant() switch
                {
                    null => FsyncMode.Unspecified,
                    "ALWAYS" => FsyncMode.Always,
                    "INTERVAL" => FsyncMode.Interval,
                    var other => throw new UsageException($"--fsync '{other}' is not one of: always, interval"),
                },
                IntervalMs = (uint)cl.Number("fsync-interval-ms", 0, 1, 10_000),
            },
        };
        if (cl.Option("embedder") is { } embedder)
        {
            request.Embedder = new EmbedderBinding
            {
                Endpoint = embedder,
                Model = cl.Option("embedder-model") ?? string.Empty,
                TextField = cl.Option("text-field") ?? string.Empty,
                SkipTextPayload = cl.Flag("no-text-payload"),
            };
        }
        else if (request.Dimension == 0)
        {
            throw new UsageException(
                "collections create needs --dim N (the vector length, 1..65536), or --embedder host:port to take the model's");
        }

        cl.EnsureAllUsed(3);
        var info = await ctx.Collections.CreateAsync(request, ctx.Call());
        WriteInfo(ctx, info);
        return ExitCodes.Ok;
    }

    private static void WriteInfo(CliContext ctx, CollectionInfo info)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(info);
            return;
        }

        var table = new Table("FIELD", "VALUE")
            .Add("name", info.Name)
            .Add("dimension", info.Dimension)
            .Add("metric", Parsing.Metric(info.Distance))
            .Add("index", IndexName(info.Index))
            .Add("fsync", info.Durability is null ? "default" : info.Durability.Fsync switch
            {
                FsyncMode.Always => "always",
                FsyncMode.Interval => $"interval ({info.Durability.IntervalMs} ms)",
                _ => "default",
            })
            .Add("embedder", info.Embedder is null
                ? "none"
                : $"{info.Embedder.Endpoint}{(info.Embedder.Model.Length > 0 ? $" (model {info.Embedder.Model})" : string.Empty)}")
            .Add("points", info.PointCount)
            .Add("vector bytes", info.VectorBytes)
            .Add("payload bytes", info.PayloadBytes);
        if (info.Embedder is not null)
        {
            table.Add("text field", info.Embedder.SkipTextPayload ? $"{info.Embedder.TextField} (not stored)" : info.Embedder.TextField);
        }

        foreach (var field in info.PayloadFields)
        {
            table.Add($"payload.{field.Key}", $"{field.Type.ToString().ToLowerInvariant()}{(field.Indexed ? " (indexed)" : string.Empty)}");
        }

        ctx.Output.Write(table.ToString());
    }

    private static string IndexName(IndexParams? index) => index is null
        ? "default"
        : index.Kind switch
        {
            IndexKind.Flat => "flat",
            IndexKind.Hnsw => $"hnsw(m={index.Hnsw?.M}, ef_construct={index.Hnsw?.EfConstruct}, ef={index.Hnsw?.Ef})",
            IndexKind.Unspecified => "default",
            _ => index.Kind.ToString(),
        } + (index.Int8Quantization ? " +int8" : string.Empty);
}
