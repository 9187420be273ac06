// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using VectorStudio.Contracts.V1;
using VectorStudio.Tests;

namespace VectorStudio.Cli.Tests.Export;

/// <summary>
/// The real <c>vsctl export</c> against a real shard node; the files are read back by independent readers
/// (npm @roboflow/tfrecords, Python's torch.load) and compared exactly with what was stored.
/// </summary>
public sealed class ExportCommandIntegrationTests(ExportFixture fixture) : IClassFixture<ExportFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vs-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Export_Should_WriteTfRecordTheReferenceReads_When_LabelsAreStrings()
    {
        var path = Path.Combine(_dir, "train.tfrecord");

        var result = await ExportAsync("--format", "tfrecord", "--out", path, "--label-field", "kind", "--id-feature");

        var labelled = fixture.Labelled.ToDictionary(p => ExportFixture.IdText(p.Id));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"wrote {labelled.Count} records to {path}", result.Output, StringComparison.Ordinal);
        Assert.Contains("labels: text; skipped 8 points without 'kind'", result.Output, StringComparison.Ordinal);
        using var json = await Readers.ReadTfRecordAsync(path);
        Assert.Equal(labelled.Count, json.RootElement.GetProperty("records").GetInt32());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var example in json.RootElement.GetProperty("examples").EnumerateArray())
        {
            var id = example.GetProperty("id").GetProperty("values")[0].GetString()!;
            var point = labelled[id];
            Assert.Equal(point.Vector, Floats(example.GetProperty("embedding")));
            Assert.Equal("bytes", example.GetProperty("label").GetProperty("kind").GetString());
            Assert.Equal(point.Payload["kind"].StringValue, example.GetProperty("label").GetProperty("values")[0].GetString());
            Assert.True(seen.Add(id), $"id {id} exported twice");
        }

        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task Export_Should_WriteInt64LabelsAndEveryPointWithoutLabels_When_AskedSo()
    {
        var ints = Path.Combine(_dir, "ints.tfrecord");
        var plain = Path.Combine(_dir, "plain.tfrecord");

        var withInts = await ExportAsync("--format", "tfrecord", "--out", ints, "--label-field", "klass", "--filter",
            """{"must":[{"field":{"key":"even","match":{"boolean":true}}}]}""");
        var withoutLabels = await ExportAsync("--format", "TFRecord", "--out", plain);

        Assert.True(withInts.ExitCode == 0, withInts.Error);
        Assert.True(withoutLabels.ExitCode == 0, withoutLabels.Error);
        Assert.Contains($"wrote {fixture.Points.Count} records", withoutLabels.Output, StringComparison.Ordinal);
        using var intJson = await Readers.ReadTfRecordAsync(ints);
        var expected = fixture.Labelled.Where(p => p.Payload["even"].BoolValue).ToList();
        var labels = intJson.RootElement.GetProperty("examples").EnumerateArray()
            .Select(e => (Kind: e.GetProperty("label").GetProperty("kind").GetString(), Value: e.GetProperty("label").GetProperty("values")[0].GetString()))
            .ToList();
        Assert.Equal(expected.Count, labels.Count);
        Assert.All(labels, l => Assert.Equal("int64", l.Kind));
        Assert.Equal(
            expected.Select(p => p.Payload["klass"].IntegerValue.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            labels.Select(l => l.Value).Order(StringComparer.Ordinal));
        using var plainJson = await Readers.ReadTfRecordAsync(plain);
        var vectors = plainJson.RootElement.GetProperty("examples").EnumerateArray()
            .Select(e => string.Join(",", Floats(e.GetProperty("embedding")).Select(f => f.ToString("R", CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal);
        Assert.Equal(fixture.Points.Values.Select(p => string.Join(",", p.Vector.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal), vectors);
        Assert.All(plainJson.RootElement.GetProperty("examples").EnumerateArray(), e => Assert.False(e.TryGetProperty("label", out _)));
    }

    [TorchFact]
    public async Task Export_Should_WritePtTorchLoadReadsAndALabelsFile_When_LabelsAreIntegers()
    {
        var path = Path.Combine(_dir, "train.pt");

        var result = await ExportAsync("--format", "pt", "--out", path, "--label-field", "klass");

        Assert.True(result.ExitCode == 0, result.Error);
        var labelled = fixture.Labelled.ToList();
        Assert.Contains($"wrote {labelled.Count} records to {path} and {path}.labels.jsonl", result.Output, StringComparison.Ordinal);
        using var json = await TorchLoad.ReadAsync(path);
        var root = json.RootElement;
        Assert.Equal(["embeddings", "labels"], root.GetProperty("keys").Deserialize<string[]>()!);
        Assert.Equal("torch.float32", root.GetProperty("embeddings_dtype").GetString());
        Assert.Equal("torch.int64", root.GetProperty("labels_dtype").GetString());
        Assert.Equal([labelled.Count, ExportFixture.Dimension], root.GetProperty("embeddings_shape").Deserialize<int[]>()!);
        var rows = root.GetProperty("embeddings").Deserialize<float[][]>()!;
        var tensorLabels = root.GetProperty("labels").Deserialize<long[]>()!;
        var lines = await File.ReadAllLinesAsync(path + ".labels.jsonl");
        Assert.Equal(labelled.Count, lines.Length);
        for (var row = 0; row < lines.Length; row++)
        {
            using var line = JsonDocument.Parse(lines[row]);
            var id = line.RootElement.GetProperty("id");
            var point = fixture.Points[id.ValueKind == JsonValueKind.Number ? id.GetUInt64().ToString(CultureInfo.InvariantCulture) : id.GetString()!];
            Assert.Equal(point.Vector, rows[row]);
            Assert.Equal(point.Payload["klass"].IntegerValue, tensorLabels[row]);
            Assert.Equal(point.Payload["klass"].IntegerValue, line.RootElement.GetProperty("label").GetInt64());
        }
    }

    [TorchFact]
    public async Task Export_Should_KeepTextLabelsInTheLabelsFile_When_LabelsAreStrings()
    {
        var path = Path.Combine(_dir, "text.pt");

        var result = await ExportAsync("--format", "pt", "--out", path, "--label-field", "kind");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = await TorchLoad.ReadAsync(path);
        Assert.Equal(["embeddings"], json.RootElement.GetProperty("keys").Deserialize<string[]>()!);
        var rows = json.RootElement.GetProperty("embeddings").Deserialize<float[][]>()!;
        var lines = await File.ReadAllLinesAsync(path + ".labels.jsonl");
        Assert.Equal(fixture.Labelled.Count(), rows.Length);
        Assert.Equal(rows.Length, lines.Length);
        for (var row = 0; row < lines.Length; row++)
        {
            using var line = JsonDocument.Parse(lines[row]);
            var id = line.RootElement.GetProperty("id");
            var point = fixture.Points[id.ValueKind == JsonValueKind.Number ? id.GetUInt64().ToString(CultureInfo.InvariantCulture) : id.GetString()!];
            Assert.Equal(point.Vector, rows[row]);
            Assert.Equal(point.Payload["kind"].StringValue, line.RootElement.GetProperty("label").GetString());
        }
    }

    [Fact]
    public async Task Export_Should_ExitWithClearErrorsAndWriteNothing_When_InputIsWrong()
    {
        var path = Path.Combine(_dir, "out.tfrecord");
        await File.WriteAllTextAsync(path, "earlier export");

        var unknown = await Vsctl.RunAsync(fixture.Node.GrpcAddress, "export", "no-such-collection", "--format", "tfrecord", "--out", path);
        var badFormat = await ExportAsync("--format", "csv", "--out", path);
        var noOut = await ExportAsync("--format", "tfrecord");
        var required = await ExportAsync("--format", "tfrecord", "--out", path, "--label-field", "kind", "--require-label");
        var wrongType = await ExportAsync("--format", "tfrecord", "--out", path, "--label-field", "score");
        var boolean = await ExportAsync("--format", "tfrecord", "--out", path, "--label-field", "even");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("NotFound", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-collection", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.Contains("--format 'csv' is not one of: tfrecord, pt", badFormat.Error, StringComparison.Ordinal);
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("export needs --out PATH", noOut.Error, StringComparison.Ordinal);
        Assert.Equal(3, required.ExitCode);
        Assert.Contains("has no payload field 'kind' (--require-label)", required.Error, StringComparison.Ordinal);
        Assert.Equal(3, wrongType.ExitCode);
        Assert.Contains("label field 'score' holds a double; accepted: a string or an integer", wrongType.Error, StringComparison.Ordinal);
        Assert.Equal(3, boolean.ExitCode);
        Assert.Contains("holds a boolean", boolean.Error, StringComparison.Ordinal);
        // A failed export leaves the earlier file as it was and no temporary file behind.
        Assert.Equal("earlier export", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Export_Should_LeaveNoFile_When_ItFailsAfterStreamingRecords()
    {
        var name = "late-" + Guid.NewGuid().ToString("N")[..12];
        await fixture.Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 2, Distance = Distance.Dot });
        var request = new UpsertPointsRequest { Collection = name };
        for (var i = 0; i < 300; i++)
        {
            var point = new Point { Id = new PointId { Num = (ulong)i }, Vector = { i, 1 } };
            if (i != 299)
            {
                point.Payload["y"] = new Value { IntegerValue = i };
            }

            request.Points.Add(point);
        }

        await fixture.Node.Points.UpsertAsync(request);
        var path = Path.Combine(_dir, "late.tfrecord");

        var result = await Vsctl.RunAsync(
            fixture.Node.GrpcAddress, "export", name, "--format", "tfrecord", "--out", path, "--label-field", "y", "--require-label", "--batch", "16");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("point 299 has no payload field 'y' (--require-label); nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir)); // the records streamed before it went to a temp file, now gone
    }

    [Fact]
    public async Task Vsctl_Should_WorkAndExplainPt_When_NativeLibraryIsAbsent()
    {
        var copy = Vsctl.CopyWithoutNativeLibraries(Path.Combine(_dir, "bin"));
        var pt = Path.Combine(_dir, "x.pt");
        var tfrecord = Path.Combine(_dir, "x.tfrecord");

        var count = await Vsctl.RunFromAsync(copy, fixture.Node.GrpcAddress, "count", fixture.Collection);
        var export = await Vsctl.RunFromAsync(copy, fixture.Node.GrpcAddress, "export", fixture.Collection, "--format", "tfrecord", "--out", tfrecord);
        var noShim = await Vsctl.RunFromAsync(copy, fixture.Node.GrpcAddress, "export", fixture.Collection, "--format", "pt", "--out", pt);

        Assert.Equal(0, count.ExitCode);
        Assert.Equal(fixture.Points.Count.ToString(CultureInfo.InvariantCulture), count.Output.Trim());
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal(5, noShim.ExitCode);
        Assert.Contains("--format pt needs the LibTorch shim", noShim.Error, StringComparison.Ordinal);
        Assert.Contains("scripts/build-native.sh", noShim.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(pt));
        Assert.False(File.Exists(pt + ".labels.jsonl"));
    }

    private Task<(int ExitCode, string Output, string Error)> ExportAsync(params string[] args) =>
        Vsctl.RunAsync(fixture.Node.GrpcAddress, ["export", fixture.Collection, .. args]);

    private static float[] Floats(JsonElement feature) =>
        [.. feature.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble())];
}
