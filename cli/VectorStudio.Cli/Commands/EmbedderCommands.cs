// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Cli.Output;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Commands;

/// <summary><c>vsctl embed</c> and <c>vsctl model info|load</c>, against an embedder node.</summary>
internal static class EmbedderCommands
{
    public static async Task<int> EmbedAsync(CliContext ctx, CommandLine cl)
    {
        var file = cl.Option("file");
        var texts = new List<string>();
        for (var i = 1; i < cl.Positionals.Count; i++)
        {
            texts.Add(cl.Positionals[i]);
        }

        if (file is not null)
        {
            // One text per line; blank lines are skipped so a trailing newline does not become a text.
            texts.AddRange((await File.ReadAllLinesAsync(file)).Where(l => l.Trim().Length > 0));
        }

        if (texts.Count == 0)
        {
            throw new UsageException("embed needs texts: vsctl embed TEXT... or --file FILE (one text per line)");
        }

        cl.EnsureAllUsed(cl.Positionals.Count);
        var response = await ctx.Embedder.EmbedAsync(texts, ctx.Call());
        if (ctx.Json)
        {
            ctx.WriteJson(response);
            return ExitCodes.Ok;
        }

        var table = new Table("#", "TOKENS", "VECTOR");
        for (var i = 0; i < response.Embeddings.Count; i++)
        {
            var e = response.Embeddings[i];
            var head = string.Join(", ", e.Values.Take(4).Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture)));
            table.Add(i, e.TokenCount + (e.Truncated ? " (truncated)" : string.Empty), $"[{head}, …] ({e.Values.Count} dims)");
        }

        await ctx.Output.WriteAsync(table.ToString());
        await ctx.Output.WriteLineAsync($"model {response.Model.Name} (generation {response.Model.Generation})");
        return ExitCodes.Ok;
    }

    public static async Task<int> ModelAsync(CliContext ctx, CommandLine cl)
    {
        var verb = cl.RequirePositional(1, "model subcommand (info, load)");
        ModelInfo info;
        switch (verb)
        {
            case "info":
                cl.EnsureAllUsed(2);
                info = await ctx.Embedder.GetModelInfoAsync(ctx.Call());
                break;
            case "load":
                var path = cl.RequirePositional(2, "model package directory (as the embedder node sees it) or model URI");
                var device = cl.Option("device") ?? string.Empty;
                cl.EnsureAllUsed(3);
                // A URI (file://, http://, https://) is fetched by the node itself, through its model cache.
                info = path.Contains("://", StringComparison.Ordinal)
                    ? await ctx.Embedder.LoadModelFromUriAsync(path, device, ctx.Call())
                    : await ctx.Embedder.LoadModelAsync(path, device, ctx.Call());
                break;
            default:
                throw new UsageException($"unknown model subcommand '{verb}'; accepted: info, load");
        }

        if (ctx.Json)
        {
            ctx.WriteJson(info);
            return ExitCodes.Ok;
        }

        await ctx.Output.WriteAsync(new Table("FIELD", "VALUE")
            .Add("name", info.Name)
            .Add("backend", info.Backend)
            .Add("dimension", info.Dimension)
            .Add("device", info.Device)
            .Add("precision", info.Precision)
            .Add("max sequence length", info.MaxSequenceLength)
            .Add("normalized", info.Normalized)
            .Add("generation", info.Generation)
            .ToString());
        return ExitCodes.Ok;
    }
}
