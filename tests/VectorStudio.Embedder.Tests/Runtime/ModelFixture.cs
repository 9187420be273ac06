// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Embedder.Runtime;
using VectorStudio.Tests;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>
/// Builds the test models once per test run: tests/fixtures/embedder/make_model.py under Debian's
/// /usr/bin/python3 (python3-torch) writes TorchScript and ONNX packages and PyTorch's outputs for fixed
/// batches into a temp folder. Nothing is built when neither native library is present (every test that
/// would use it is skipped then).
/// </summary>
public sealed class ModelFixture : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "vs-embedder-models-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<ExpectedBatch> Batches { get; private set; } = [];

    public int Hidden { get; private set; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public async Task InitializeAsync()
    {
        if (NativeLibraries.Find(NativeLibraries.TorchShimFile) is null && NativeLibraries.Find(NativeLibraries.OnnxRuntimeFile) is null)
        {
            return;
        }

        var script = Path.Combine(RepoPaths.Root, "tests", "fixtures", "embedder", "make_model.py");
        // Generous: two seconds of work on a quiet machine, a minute or more on a contended CI runner.
        var (code, stdout, stderr) = await ChildProcess.RunAsync(Python, [script, Directory], TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"make_model.py failed (needs {Python} with python3-torch: run scripts/setup-test-deps.sh)\n" + ChildProcess.Describe(code, stdout, stderr));
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(PathOf("expected.json")));
        Hidden = json.RootElement.GetProperty("hidden").GetInt32();
        Batches = json.RootElement.GetProperty("batches").EnumerateArray().Select(ExpectedBatch.From).ToList();
    }

    public Task DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>A temp package: the files of <paramref name="source"/> with a manifest rewritten by <paramref name="edit"/>.</summary>
    public string VariantOf(string source, string name, Func<string, string> edit)
    {
        var target = PathOf(name);
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(PathOf(source)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        var manifest = Path.Combine(target, ModelPackage.ManifestFileName);
        File.WriteAllText(manifest, edit(File.ReadAllText(manifest)));
        return target;
    }
}
