// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Tests;

namespace VectorStudio.Embedder.Tests.Conversion;

/// <summary>
/// Once per test class: tests/fixtures/embedder/make_hf_checkpoint.py writes tiny random BERT checkpoints in
/// Hugging Face layout (and broken ones) with the vectors of its numpy reference forward; then
/// scripts/convert-hf-model.py turns each good checkpoint into a model package.
/// </summary>
public sealed class HfCheckpointFixture : IAsyncLifetime
{
    public const string Python = "/usr/bin/python3";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("vs-hf-convert-").FullName;

    public static string Converter => Path.Combine(RepoPaths.Root, "scripts", "convert-hf-model.py");

    public IReadOnlyList<string> Texts { get; private set; } = [];

    public IReadOnlyDictionary<string, JsonElement> Variants { get; private set; } = new Dictionary<string, JsonElement>();

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>The converted package of a good checkpoint.</summary>
    public string PackageOf(string variant) => PathOf("pkg-" + variant);

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "fixtures", "embedder", "make_hf_checkpoint.py");
        // Generous: a second of work on a quiet machine, far more under a contended 2-core CI runner.
        await RunAsync(script, Directory);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(PathOf("expected.json")));
        var root = json.RootElement.Clone();
        Texts = [.. root.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!)];
        Variants = root.GetProperty("variants").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (var (name, variant) in Variants)
        {
            var flags = variant.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!);
            await RunAsync(Converter, [PathOf(name), PackageOf(name), .. flags]);
        }
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Runs the converter on a checkpoint folder; returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> ConvertAsync(params string[] args) =>
        ChildProcess.RunAsync(Python, [Converter, .. args], TimeSpan.FromMinutes(3));

    private static async Task RunAsync(string script, params string[] args)
    {
        var (code, stdout, stderr) = await ChildProcess.RunAsync(Python, [script, .. args], TimeSpan.FromMinutes(3));
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(script)} failed (needs {Python} with python3-torch and python3-numpy: run scripts/setup-test-deps.sh)\n"
                + ChildProcess.Describe(code, stdout, stderr));
        }
    }
}
