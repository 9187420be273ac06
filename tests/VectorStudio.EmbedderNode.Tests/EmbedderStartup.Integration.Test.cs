// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Tests.Runtime;
using VectorStudio.Tests;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>Start-up of the real <c>vector-studio-embedder</c> executable: exit codes and messages.</summary>
[Collection(EmbedderNodeCollection.Name)]
public sealed class EmbedderStartupIntegrationTests(EmbedderNodeFixture fixture)
{
    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "vector-studio-embedder.dll");

    [Fact]
    public async Task Start_Should_ExitTwoWithEveryProblem_When_OptionsAreInvalid()
    {
        var (code, _, stderr) = await RunAsync(["--device", "tpu"]);

        Assert.Equal(2, code);
        Assert.Contains("--model-dir or --model-uri is required", stderr, StringComparison.Ordinal);
        Assert.Contains("--device: 'tpu' is not a device; use auto, cpu, cuda or cuda:N", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_ExitTwoNamingBoth_When_ModelDirAndModelUriAreGiven()
    {
        var (code, _, stderr) = await RunAsync(["--model-dir", Path.GetTempPath(), "--model-uri", "https://h/m.tar.gz"]);

        Assert.Equal(2, code);
        Assert.Contains("--model-dir and --model-uri are both set; give exactly one", stderr, StringComparison.Ordinal);
    }

    [TorchFact]
    public async Task Start_Should_ExitOneNamingTheProblem_When_TheModelDoesNotLoad()
    {
        // A package whose model file is a state dict, not TorchScript (make_model.py writes one).
        var package = fixture.Models.VariantOf("pooled-torchscript", "startup-bad-model", manifest => manifest);
        File.Copy(fixture.Models.PathOf("bad/not-torchscript.pt"), Path.Combine(package, "model.pt"), overwrite: true);

        var (code, stdout, stderr) = await RunAsync(["--model-dir", package, "--grpc-port", "0", "--http-port", "0"]);

        Assert.Equal(1, code);
        Assert.Contains("vector-studio-embedder: cannot start: cannot load the model package at", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", stdout, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args) =>
        // Generous: a cold .NET start plus a model load on a contended 2-core CI runner.
        ChildProcess.RunAsync("dotnet", [Assembly, .. args], TimeSpan.FromMinutes(2));
}
