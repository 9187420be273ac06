// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Cli.Export;
using VectorStudio.Cli.Output;
using VectorStudio.Contracts.V1;
using VectorStudio.Embedder.Runtime;
using VectorStudio.Rpc;

namespace VectorStudio.Cli.Commands;

/// <summary>
/// <c>vsctl export COLLECTION --format tfrecord|pt --out PATH</c>: streams the collection's points
/// (Points.Scroll, vectors and payload) into training data, with labels from a payload field. The
/// format, label and file rules are in docs/embedder.md, "Exporting training data".
/// </summary>
internal static class ExportCommand
{
    public static async Task<int> RunAsync(CliContext ctx, CommandLine cl)
    {
        var collection = cl.RequirePositional(1, "collection name");
        var format = ExportFormats.Parse(cl.Option("format"));
        var path = cl.Option("out") ?? throw new UsageException("export needs --out PATH");
        var labelField = cl.Option("label-field");
        var requireLabel = cl.Flag("require-label");
        var idFeature = cl.Flag("id-feature");
        var filter = Parsing.Filter(cl.Option("filter"));
        var batch = (uint)cl.Number("batch", 1000, 1, 10_000);
        cl.EnsureAllUsed(2);
        if (requireLabel && labelField is null)
        {
            throw new UsageException("--require-label needs --label-field FIELD");
        }

        if (idFeature && format != ExportFormat.TfRecord)
        {
            throw new UsageException(
                "--id-feature applies to --format tfrecord (a .pt export always lists ids in PATH.labels.jsonl)");
        }

        try
        {
            if (format == ExportFormat.Pt)
            {
                PtSink.EnsureNativeAvailable(); // before anything is read or written
            }

            var info = await ctx.Collections.GetAsync(collection, ctx.Call());
            var labels = new LabelMapper(labelField, requireLabel);
            var request = new ScrollPointsRequest
            {
                Collection = collection,
                Filter = filter,
                BatchSize = batch,
                WithVectors = true,
                WithPayload = labelField is not null,
            };
            var fullPath = Path.GetFullPath(path);
            await using var sink = format == ExportFormat.TfRecord
                ? (IExportSink)new TfRecordSink(fullPath, idFeature)
                : new PtSink(fullPath, checked((int)info.Dimension));
            var total = filter is null ? (long)info.PointCount : 0; // a filtered export has no known total
            var written = await CopyAsync(ctx, request, (int)info.Dimension, labels, sink, total);
            await ReportAsync(ctx, sink, written, labels, labelField);
            return ExitCodes.Ok;
        }
        catch (ExportDataException e)
        {
            await ctx.Error.WriteLineAsync($"vsctl: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (EmbedderException e) when (e.Kind == EmbedderErrorKind.NativeLibraryMissing)
        {
            await ctx.Error.WriteLineAsync($"vsctl: --format pt needs the LibTorch shim: {e.Message}");
            return ExitCodes.MissingNativeLibrary;
        }
        catch (EmbedderException e)
        {
            await ctx.Error.WriteLineAsync($"vsctl: writing {path}: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    private static async Task<long> CopyAsync(
        CliContext ctx, ScrollPointsRequest request, int dimension, LabelMapper labels, IExportSink sink, long total)
    {
        var progress = total > 0 ? new ProgressBar($"export {request.Collection}", total) : null;
        long seen = 0;
        using var call = ctx.Points.Scroll(request, ctx.Call());
        await foreach (var page in call.ResponseStream.ReadAllAsync())
        {
            foreach (var point in page.Points)
            {
                if (point.Vector.Count != dimension)
                {
                    throw new ExportDataException(
                        $"point {Parsing.Format(point.Id)} came back with {point.Vector.Count} components, "
                        + $"not the collection's {dimension}");
                }

                if (labels.Map(point) is { } row)
                {
                    await sink.AddAsync(row, CancellationToken.None);
                }
            }

            seen += page.Points.Count;
            progress?.Report(seen);
        }

        var written = await sink.CommitAsync(CancellationToken.None);
        progress?.Complete(seen);
        return written;
    }

    private static async Task ReportAsync(
        CliContext ctx, IExportSink sink, long written, LabelMapper labels, string? labelField)
    {
        if (ctx.Json)
        {
            var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["written"] = written,
                ["skipped"] = labels.Skipped,
                ["labels"] = labels.Kind,
                ["files"] = sink.Files,
            });
            await ctx.Output.WriteLineAsync(json);
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture, $"wrote {written} records to {string.Join(" and ", sink.Files)}");
        if (labelField is not null)
        {
            line += string.Create(
                CultureInfo.InvariantCulture,
                $"; labels: {labels.Kind}; skipped {labels.Skipped} points without '{labelField}'");
        }

        await ctx.Output.WriteLineAsync(line);
    }
}
