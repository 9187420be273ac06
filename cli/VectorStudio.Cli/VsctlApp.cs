// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli.Commands;
using VectorStudio.Cli.Import;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Client;

namespace VectorStudio.Cli;

/// <summary>vsctl's entry: global options, command dispatch, and errors turned into exit codes.</summary>
public static class VsctlApp
{
    public const string DefaultAddress = "http://127.0.0.1:50051";

    public const string Usage = """
        Usage: vsctl [--addr URL] [--json] [--timeout SECONDS] COMMAND ...

        Global options:
          --addr URL          the node's gRPC address (env VECTORSTUDIO_ADDR; default http://127.0.0.1:50051)
          --json              print JSON (proto3 JSON mapping) for scripts instead of tables
          --timeout SECONDS   deadline of each call (default: none)

        Commands:
          collections create NAME --dim N [--metric cosine|dot|l2] [--index flat|hnsw] [--m N] [--ef-construct N] [--ef N] [--int8]
                             [--fsync always|interval] [--fsync-interval-ms N]
                             [--embedder host:port [--embedder-model NAME] [--text-field F] [--no-text-payload]]
                             (with --embedder, --dim may be left out: the model's is taken)
          collections list | info NAME | delete NAME
          import COLLECTION FILE [--format jsonl|fvecs|bvecs|npy] [--batch N] [--first-id N] [--stream]
          upsert COLLECTION --id ID (--vector 0.1,0.2,... | --text TEXT) [--payload JSON]
          get COLLECTION ID... [--with-vectors]
          search COLLECTION (--vector 0.1,0.2,... | --text TEXT | --file QUERIES [--format F]) [--k N] [--filter JSON|@FILE]
                 [--threshold X] [--with-payload] [--with-vectors] [--ef N] [--exact]
          count COLLECTION [--filter JSON|@FILE]
          delete COLLECTION (--ids 1,2,a | --filter JSON|@FILE)
          scroll COLLECTION [--filter JSON|@FILE] [--limit N] [--with-vectors]
          demo [--collection NAME] [--points N]
          embed TEXT... [--file FILE]                      (against an embedder node: --addr its gRPC port)
          model info | model load DIR|URI [--device cpu|cuda|cuda:N|auto]
          snapshot create COLLECTION | list [COLLECTION]
          snapshot download COLLECTION FILE [--name SNAPSHOT]
          snapshot restore FILE [--collection NAME] [--replace]
          export COLLECTION --format tfrecord|pt --out PATH [--label-field F [--require-label]] [--filter JSON|@FILE]
                 [--id-feature] [--batch N]

        Ids: all digits = numeric id, anything else = string id.
        Text (--text, JSONL "text" lines) needs a collection created with --embedder; the node embeds it.
        Exit codes: 0 ok, 1 server error, 2 usage error, 3 bad input file, 4 server unreachable or deadline expired,
        5 native library missing (export --format pt: build it with scripts/build-native.sh).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        CommandLine cl;
        try
        {
            cl = new CommandLine(args);
            if (cl.Positionals.Count == 0 || cl.Positional(0) == "help" || cl.Flag("help"))
            {
                await output.WriteLineAsync(Usage);
                return cl.Positionals.Count == 0 && !cl.Flag("help") ? ExitCodes.Usage : ExitCodes.Ok;
            }

            var address = cl.Option("addr") ?? Environment.GetEnvironmentVariable("VECTORSTUDIO_ADDR") ?? DefaultAddress;
            var timeoutSeconds = cl.Number("timeout", 0, 0, 86_400);
            var json = cl.Flag("json");
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                throw new UsageException($"--addr '{address}' is not an http:// or https:// URL");
            }

            using var channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions { MaxReceiveMessageSize = 256 * 1024 * 1024 });
            var ctx = new CliContext(channel, output, error, json, timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : null);
            return await DispatchAsync(ctx, cl);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"vsctl: {e.Message}\nRun 'vsctl help' for usage.");
            return ExitCodes.Usage;
        }
        catch (ImportFormatException e)
        {
            await error.WriteLineAsync($"vsctl: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"vsctl: {e.StatusCode}: {e.Status.Detail}");
            return e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded ? ExitCodes.Unavailable : ExitCodes.RpcError;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"vsctl: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    private static Task<int> DispatchAsync(CliContext ctx, CommandLine cl) => cl.Positional(0) switch
    {
        "collections" or "collection" => CollectionsCommands.RunAsync(ctx, cl),
        "import" => ImportCommand.RunAsync(ctx, cl),
        "upsert" => PointsCommands.UpsertAsync(ctx, cl),
        "get" => PointsCommands.GetAsync(ctx, cl),
        "search" => PointsCommands.SearchAsync(ctx, cl),
        "count" => PointsCommands.CountAsync(ctx, cl),
        "delete" => PointsCommands.DeleteAsync(ctx, cl),
        "scroll" => PointsCommands.ScrollAsync(ctx, cl),
        "demo" => DemoCommand.RunAsync(ctx, cl),
        "embed" => EmbedderCommands.EmbedAsync(ctx, cl),
        "model" => EmbedderCommands.ModelAsync(ctx, cl),
        "snapshot" or "snapshots" => SnapshotCommands.RunAsync(ctx, cl),
        "export" => ExportCommand.RunAsync(ctx, cl),
        var other => throw new UsageException($"unknown command '{other}'"),
    };
}
