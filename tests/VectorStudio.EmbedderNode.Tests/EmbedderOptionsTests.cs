// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.Hosting;

namespace VectorStudio.EmbedderNode.Tests;

public sealed class EmbedderOptionsTests
{
    [Fact]
    public void Bind_Should_ApplyDefaults_When_OnlyTheModelDirIsGiven()
    {
        var options = Bind(["--model-dir", Path.GetTempPath()], out var errors);

        Assert.Empty(errors);
        Assert.NotNull(options);
        Assert.Equal("auto", options.Device);
        Assert.Equal(50052, options.Server.GrpcPort);
        Assert.Equal(8081, options.Server.HttpPort);
        Assert.Equal(32, options.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(2), options.MaxBatchWait);
        Assert.False(options.Fp16);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("cuda:1")]
    [InlineData("auto")]
    public void Bind_Should_AcceptDevice_When_ItIsKnown(string device)
    {
        Assert.NotNull(Bind(["--model-dir", Path.GetTempPath(), "--device", device], out var errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Bind_Should_ListEveryProblem_When_OptionsAreBad()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));
        var options = Bind(["--model-dir", missing, "--device", "tpu", "--grpc-port", "9000", "--http-port", "9000"], out var errors);

        Assert.Null(options);
        Assert.Contains(errors, e => e == $"--model-dir: no directory at {missing}");
        Assert.Contains(errors, e => e == "--device: 'tpu' is not a device; use auto, cpu, cuda or cuda:N");
        Assert.Contains(errors, e => e.StartsWith("--grpc-port and --http-port are both 9000", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_Should_RequireTheModelDir_When_NoneIsGiven()
    {
        Assert.Null(Bind([], out var errors));
        Assert.Contains(errors, e => e.StartsWith("--model-dir is required", StringComparison.Ordinal));
    }

    private static EmbedderOptions? Bind(string[] args, out List<string> errors)
    {
        var parsed = OptionParser.Parse(EmbedderOptionDefinitions.All, args, new Dictionary<string, string>());
        errors = [.. parsed.Errors];
        return errors.Count == 0 ? EmbedderOptions.Bind(parsed.Values, errors) : null;
    }
}
