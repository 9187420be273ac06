// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.ShardNode.Tests;

/// <summary>Start-up validation of the real node executable: clear messages and exit codes.</summary>
public sealed class StartupIntegrationTests
{
    [Fact]
    public async Task Start_Should_ExitTwoWithEveryProblem_When_OptionsAreInvalid()
    {
        var (exitCode, output) = await NodeProcess.RunToExitAsync(
            ["--grpc-port", "99999", "--bind", "not-an-ip", "--log-level", "Loud", "--nope", "1"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--grpc-port: 99999 is out of range; accepted: 0..65535 (from command line --grpc-port)", output, StringComparison.Ordinal);
        Assert.Contains("--log-level: 'Loud' is not one of: Trace, Debug, Information, Warning, Error", output, StringComparison.Ordinal);
        Assert.Contains("unknown option --nope", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_NameTheVariable_When_EnvironmentValueIsInvalid()
    {
        var (exitCode, output) = await NodeProcess.RunToExitAsync([], new Dictionary<string, string> { ["VECTORSTUDIO_HTTP_PORT"] = "eighty" });

        Assert.Equal(2, exitCode);
        Assert.Contains("--http-port: 'eighty' is not an integer (from environment variable VECTORSTUDIO_HTTP_PORT)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_RejectEqualPorts_When_GrpcAndHttpShareOne()
    {
        var (exitCode, output) = await NodeProcess.RunToExitAsync(["--grpc-port", "7000", "--http-port", "7000"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("need separate ports", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_ReadConfigFile_When_OneIsGiven()
    {
        var dir = Directory.CreateTempSubdirectory("vs-cfg-").FullName;
        var config = Path.Combine(dir, "node.json");
        // The fixture's own flags (data dir, ports) outrank the file; the node id comes from the file only.
        await File.WriteAllTextAsync(config, """{ "grpcPort": 1, "nodeId": "from-config", "maxMessageSizeMb": 16 }""");
        await using var node = await NodeProcess.StartAsync("--config", config);

        Assert.Contains("vector-studio-node from-config ready", node.Log, StringComparison.Ordinal);
        Assert.NotEqual(1, node.GrpcPort);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Start_Should_FailClearly_When_DataDirIsInUse()
    {
        await using var first = await NodeProcess.StartAsync();

        var (exitCode, output) = await NodeProcess.RunToExitAsync(["--data-dir", first.DataDir, "--grpc-port", "0", "--http-port", "0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"--data-dir {first.DataDir}: in use by another process", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Should_ListEveryOptionWithItsVariable_When_Asked()
    {
        var (exitCode, output) = await NodeProcess.RunToExitAsync(["--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("--data-dir", output, StringComparison.Ordinal);
        Assert.Contains("env VECTORSTUDIO_GRPC_PORT, key grpcPort, default 50051", output, StringComparison.Ordinal);
    }
}
