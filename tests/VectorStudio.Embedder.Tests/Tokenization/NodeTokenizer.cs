// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using VectorStudio.Tests;

namespace VectorStudio.Embedder.Tests.Tokenization;

/// <summary>Runs tests/interop/node/tokenize.mjs (tokenizers.js) over texts and returns its ids.</summary>
internal static class NodeTokenizer
{
    public static string NodeDirectory => Path.Combine(RepoPaths.Root, "tests", "interop", "node");

    public static async Task<int[][]> EncodeAsync(string tokenizerDirectory, IReadOnlyList<string> texts)
    {
        var module = Path.Combine(NodeDirectory, "node_modules", "@huggingface", "tokenizers", "package.json");
        Assert.True(
            File.Exists(module),
            $"{module} is missing: run scripts/setup-test-deps.sh (npm ci in tests/interop/node).");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("tokenize.mjs");
        info.ArgumentList.Add(tokenizerDirectory);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(texts));
        process.StandardInput.Close();
        // Generous: node starts in well under a second, but the CI machine is shared.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, ChildProcess.Describe(process.ExitCode, await stdout, await stderr));
        return JsonSerializer.Deserialize<int[][]>(await stdout) ?? throw new InvalidOperationException("no output");
    }
}
