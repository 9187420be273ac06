// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;

namespace VectorStudio.Tests;

/// <summary>
/// An independent reader of <c>.pt</c> files: <c>torch.load</c> in Debian's /usr/bin/python3. Linked into
/// every test project by tests/Directory.Build.props.
/// </summary>
internal static class TorchLoad
{
    /// <summary>Every tensor of the saved dict as a list, with <c>KEY_dtype</c> and <c>KEY_shape</c>, plus <c>keys</c>.</summary>
    public static async Task<JsonDocument> ReadAsync(string path)
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
