// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using VectorStudio.Embedder.Export;
using VectorStudio.Tests;

namespace VectorStudio.Embedder.Tests.Export;

/// <summary>
/// Our TFRecord files read by an independent implementation: npm @roboflow/tfrecords (its own
/// CRC-32C and generated tf.train.Example classes), through tests/interop/node/read_tfrecord.js.
/// </summary>
public sealed class TfRecordInteropTests : IDisposable
{
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "vs-tfrecord-js-" + Guid.NewGuid().ToString("N"));

    public TfRecordInteropTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteFileAsync_Should_BeReadByRoboflowTfrecords_When_ExamplesAreVaried()
    {
        var path = Path.Combine(_directory, "train.tfrecord");
        await TfRecordExport.WriteFileAsync(path, TfRecordTests.Examples);

        var (records, examples) = await ReadWithNodeAsync(path);

        Assert.Equal(TfRecordTests.Examples.Length, records);
        for (int i = 0; i < records; i++)
        {
            var expected = TfRecordTests.Examples[i];
            var actual = examples[i];
            var floats = actual.GetProperty("embedding").GetProperty("values").EnumerateArray()
                .Select(v => (float)v.GetDouble());
            Assert.Equal(expected.Embedding, floats);
            if (expected.TextLabel is { } text)
            {
                Assert.Equal("bytes", actual.GetProperty("label").GetProperty("kind").GetString());
                Assert.Equal(text, actual.GetProperty("label").GetProperty("values")[0].GetString());
            }
            else if (expected.NumericLabel is { } number)
            {
                Assert.Equal("int64", actual.GetProperty("label").GetProperty("kind").GetString());
                Assert.Equal(
                    number.ToString(CultureInfo.InvariantCulture),
                    actual.GetProperty("label").GetProperty("values")[0].GetString());
            }
            else
            {
                Assert.False(actual.TryGetProperty("label", out _));
            }

            var actualId = actual.TryGetProperty("id", out var id) ? id.GetProperty("values")[0].GetString() : null;
            Assert.Equal(expected.Id, actualId);
        }
    }

    [Fact]
    public async Task WriteFileAsync_Should_CarryChecksumsTheReferenceVerifies_When_ARecordIsDamaged()
    {
        var path = Path.Combine(_directory, "train.tfrecord");
        await TfRecordExport.WriteFileAsync(path, TfRecordTests.Examples);
        var bytes = await File.ReadAllBytesAsync(path);
        int second = TfRecordTests.RecordLength(bytes, 0);
        bytes[second + 12 + 3] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);

        var (records, _) = await ReadWithNodeAsync(path);

        // The reference stops at the first record whose data CRC fails: only record 0 survives.
        Assert.Equal(1, records);
    }

    private static async Task<(int Records, JsonElement[] Examples)> ReadWithNodeAsync(string path)
    {
        var node = Path.Combine(RepoPaths.Root, "tests", "interop", "node");
        var module = Path.Combine(node, "node_modules", "@roboflow", "tfrecords", "package.json");
        Assert.True(
            File.Exists(module),
            $"{module} is missing: run scripts/setup-test-deps.sh (npm ci in tests/interop/node).");
        var (code, stdout, stderr) = await ChildProcess.RunAsync(
            "node", [Path.Combine(node, "read_tfrecord.js"), path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, ChildProcess.Describe(code, stdout, stderr));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement.Clone();
        return (root.GetProperty("records").GetInt32(), [.. root.GetProperty("examples").EnumerateArray()]);
    }
}
