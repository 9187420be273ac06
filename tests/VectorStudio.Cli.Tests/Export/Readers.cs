// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Tests;

namespace VectorStudio.Cli.Tests.Export;

/// <summary>An independent reader of exported TFRecord files: npm @roboflow/tfrecords (.pt files: <see cref="TorchLoad"/>).</summary>
internal static class Readers
{
    /// <summary>tests/interop/node/read_tfrecord.js: {"records": N, "examples": [{feature: {kind, values}}]}.</summary>
    public static async Task<JsonDocument> ReadTfRecordAsync(string path)
    {
        var node = Path.Combine(RepoPaths.Root, "tests", "interop", "node");
        var module = Path.Combine(node, "node_modules", "@roboflow", "tfrecords", "package.json");
        Assert.True(File.Exists(module), $"{module} is missing: run scripts/setup-test-deps.sh (npm ci in tests/interop/node).");
        var (code, stdout, stderr) = await ChildProcess.RunAsync(
            "node", [Path.Combine(node, "read_tfrecord.js"), path], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, ChildProcess.Describe(code, stdout, stderr));
        return JsonDocument.Parse(stdout);
    }
}
