// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Tests;

namespace VectorStudio.Cli.Tests.Export;

/// <summary>Independent readers of the exported files: npm @roboflow/tfrecords and Python's torch.load.</summary>
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

    /// <summary>torch.load in Debian's /usr/bin/python3: every tensor as a list with its dtype and shape.</summary>
    public static async Task<JsonDocument> TorchLoadAsync(string path)
    {
        const string Script = """
            import json, sys, torch
            d = torch.load(sys.argv[1])
            out = {"keys": sorted(d.keys())}
            for k, v in d.items():
                out[k] = v.tolist()
                out[k + "_dtype"] = str(v.dtype)
                out[k + "_shape"] = list(v.shape)
            print(json.dumps(out))
            """;
        // Generous: importing torch takes a few seconds on a contended machine.
        var (code, stdout, stderr) = await ChildProcess.RunAsync("/usr/bin/python3", ["-c", Script, path], TimeSpan.FromMinutes(2));
        Assert.True(code == 0, "torch.load failed (python3-torch comes from scripts/setup-test-deps.sh)\n" + ChildProcess.Describe(code, stdout, stderr));
        return JsonDocument.Parse(stdout);
    }
}
