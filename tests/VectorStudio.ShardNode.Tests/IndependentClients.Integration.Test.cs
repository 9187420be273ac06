// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Tests;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// The node driven by implementations that share no code with ours: Python grpcio and Node
/// @grpc/grpc-js, each running an upsert / search / filter / count / scroll / errors scenario.
/// Their dependencies come from scripts/setup-test-deps.sh, which the test command runs first.
/// </summary>
public sealed class IndependentClientsIntegrationTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static string RepoRoot => RepoPaths.Root;

    [Fact]
    public async Task PythonGrpcio_Should_CompleteVectorScenario_When_DrivingTheNode()
    {
        RequireFile("/usr/bin/grpc_python_plugin", "protobuf-compiler-grpc");
        var (exitCode, output) = await RunAsync("/usr/bin/python3", Path.Combine(RepoRoot, "tests/interop/python/vector_scenario.py"));

        Assert.True(exitCode == 0, $"python scenario failed ({exitCode}):\n{output}");
        Assert.Contains("\"steps\": [\"upsert\", \"search\", \"filtered_search\", \"count\", \"scroll\", \"errors\"]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeGrpcJs_Should_CompleteVectorScenario_When_DrivingTheNode()
    {
        RequireFile(Path.Combine(RepoRoot, "tests/interop/node/node_modules/@grpc/grpc-js/package.json"), "npm packages of tests/interop/node");
        var (exitCode, output) = await RunAsync("node", Path.Combine(RepoRoot, "tests/interop/node/vector_scenario.js"));

        Assert.True(exitCode == 0, $"node scenario failed ({exitCode}):\n{output}");
        foreach (var step in new[] { "upsert", "search", "filtered_search", "count", "scroll", "errors" })
        {
            Assert.Contains($"{{\"step\":\"{step}\",\"ok\":true}}", output, StringComparison.Ordinal);
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            Assert.Fail($"{what} is missing ({path}): run scripts/setup-test-deps.sh (scripts/test.sh does).");
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string program, string script)
    {
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(
            program, [script, "--target", $"127.0.0.1:{fixture.Node.GrpcPort}"], TimeSpan.FromMinutes(2));
        return (exitCode, stdout + stderr);
    }
}
