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
        Assert.True(options.CpuPrepack);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void Bind_Should_SetCpuPrepack_When_TheFlagIsGiven(string value, bool expected)
    {
        var options = Bind(["--model-dir", Path.GetTempPath(), "--cpu-prepack", value], out var errors);

        Assert.Empty(errors);
        Assert.Equal(expected, options!.CpuPrepack);
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
    public void Bind_Should_RequireAModel_When_NeitherDirNorUriIsGiven()
    {
        Assert.Null(Bind([], out var errors));
        Assert.Contains(errors, e => e.StartsWith("--model-dir or --model-uri is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_Should_RefuseBoth_When_DirAndUriAreGiven()
    {
        Assert.Null(Bind(["--model-dir", Path.GetTempPath(), "--model-uri", "https://h/m.tar.gz"], out var errors));
        Assert.Contains("--model-dir and --model-uri are both set; give exactly one", errors);
    }

    [Fact]
    public void Bind_Should_ApplyFetchDefaults_When_OnlyAUriIsGiven()
    {
        var digest = new string('c', 64);
        var options = Bind(["--model-uri", "https://h/m.tar.gz", "--model-sha256", digest], out var errors);

        Assert.Empty(errors);
        Assert.NotNull(options);
        Assert.Null(options.ModelDir);
        Assert.Equal("https://h/m.tar.gz", options.ModelUri!.Location.AbsoluteUri);
        Assert.Equal(digest, options.ModelUri.Sha256);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "vector-studio-models"), options.Fetch.CacheDirectory);
        Assert.Equal(4L << 30, options.Fetch.MaxBytes);
        Assert.Equal(5, options.Fetch.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Fetch.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Fetch.Timeout);
    }

    [Fact]
    public void Bind_Should_ReadTheUriFromTheEnvironment_When_NoFlagIsGiven()
    {
        var parsed = OptionParser.Parse(
            EmbedderOptionDefinitions.All,
            [],
            new Dictionary<string, string> { ["VECTORSTUDIO_MODEL_URI"] = "file:///models/minilm", ["VECTORSTUDIO_MODEL_CACHE_DIR"] = "/var/cache/m" });
        var errors = new List<string>(parsed.Errors);

        var options = EmbedderOptions.Bind(parsed.Values, errors);

        Assert.Empty(errors);
        Assert.Equal("/models/minilm", options!.ModelUri!.LocalPath);
        Assert.Equal("/var/cache/m", options.Fetch.CacheDirectory);
    }

    [Theory]
    [InlineData(new[] { "--model-uri", "s3://b/m.tar.gz" }, "--model-uri: 's3://b/m.tar.gz' is not a model URI")]
    [InlineData(new[] { "--model-uri", "https://h/m.tar.gz", "--model-sha256", "xyz" }, "--model-uri: --model-sha256: 'xyz' is not a SHA-256 digest")]
    [InlineData(new[] { "--model-dir", "/tmp", "--model-sha256", "xyz" }, "--model-sha256 checks a --model-uri archive")]
    public void Bind_Should_SayWhatIsWrong_When_TheModelUriOptionsAreBad(string[] args, string expected)
    {
        Assert.Null(Bind(args, out var errors));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private static EmbedderOptions? Bind(string[] args, out List<string> errors)
    {
        var parsed = OptionParser.Parse(EmbedderOptionDefinitions.All, args, new Dictionary<string, string>());
        errors = [.. parsed.Errors];
        return errors.Count == 0 ? EmbedderOptions.Bind(parsed.Values, errors) : null;
    }
}
