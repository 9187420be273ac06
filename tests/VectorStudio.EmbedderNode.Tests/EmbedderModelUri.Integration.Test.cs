// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using VectorStudio.Embedder.Tests.Runtime;
using VectorStudio.EmbedderNode.Tests.ModelSource;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>
/// The real <c>vector-studio-embedder</c> process started with <c>--model-uri</c> against a real HTTP server
/// on loopback; each test has its own server, cache folder and ports.
/// </summary>
[Collection(EmbedderNodeCollection.Name)]
public sealed class EmbedderModelUriIntegrationTests(EmbedderNodeFixture fixture) : ModelServerTestBase
{
    private const string Package = "pooled-torchscript";
    private static readonly string[] Texts = ["the quick brown fox", "Héllo, wörld! 東京", "a"];

    [TorchFact]
    public async Task Start_Should_ServeTheModelDirsVectors_And_ReuseTheCache_When_StartedTwiceFromOneUri()
    {
        var uri = Server.Serve("model.tar.gz", TestArchives.TarGzOf(fixture.Models.PathOf(Package), top: "minilm"));
        string[] args = ["--model-uri", uri, "--model-cache-dir", Cache, "--device", "cpu", "--threads", "2"];
        await using var reference = await fixture.StartAsync(Package);
        var expected = (await reference.Client.EmbedAsync(Texts)).Embeddings.Select(e => e.Values.ToArray()).ToArray();

        float[][] first;
        var (node, code) = await EmbedderProcess.StartAsync(args);
        await using (node)
        {
            Assert.True(code is null, $"exit {code}\n{node.Stdout}\n{node.Stderr}");
            first = await node.EmbedAsync(Texts);
            Assert.Contains("downloaded", node.Stdout, StringComparison.Ordinal);
        }

        var (again, againCode) = await EmbedderProcess.StartAsync(args);
        await using (again)
        {
            Assert.True(againCode is null, $"exit {againCode}\n{again.Stdout}\n{again.Stderr}");
            Assert.Contains("reusing the cached package", again.Stdout, StringComparison.Ordinal);
            AssertClose(expected, await again.EmbedAsync(Texts));
        }

        // 1e-5: the same package on the same CPU kernels; only batch padding may differ, within float noise.
        AssertClose(expected, first);
        Assert.Equal(1, Server.Requests("model.tar.gz"));
    }

    [TorchFact]
    public async Task Start_Should_Succeed_When_TheServerFailsTwiceWith503()
    {
        var uri = Server.Serve("flaky.tar.gz", TestArchives.TarGzOf(fixture.Models.PathOf(Package)));
        Server.FailFirst("flaky.tar.gz", 503, 503);

        var (node, code) = await EmbedderProcess.StartAsync(
            ["--model-uri", uri, "--model-cache-dir", Cache, "--device", "cpu", "--model-fetch-retry-delay-ms", "20"]);
        await using (node)
        {
            Assert.True(code is null, $"exit {code}\n{node.Stdout}\n{node.Stderr}");
            Assert.Equal(3, (await node.EmbedAsync(Texts)).Length);
            Assert.Contains("attempt 1 of 5 failed: HTTP 503 (Service Unavailable)", node.Stdout, StringComparison.Ordinal);
            Assert.Contains("attempt 2 of 5 failed: HTTP 503 (Service Unavailable)", node.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(3, Server.Requests("flaky.tar.gz"));
    }

    [Fact]
    public async Task Start_Should_ExitOneWithTheStatus_When_TheServerAnswers404()
    {
        var uri = Server.UriOf("missing.tar.gz");

        var (code, stderr) = await RunAsync(["--model-uri", uri, "--model-cache-dir", Cache]);

        Assert.Equal(1, code);
        Assert.Contains($"vector-studio-embedder: cannot start: cannot fetch model {uri}: HTTP 404 (Not Found)", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
        Assert.Equal(1, Server.Requests("missing.tar.gz"));
    }

    [Fact]
    public async Task Start_Should_ExitOneNamingBothDigests_When_TheArchiveDoesNotMatch()
    {
        var archive = TestArchives.TarGz(TestArchives.FakePackage());
        var actual = Convert.ToHexStringLower(SHA256.HashData(archive));
        var wrong = new string('a', 64);
        var uri = Server.Serve("pinned.tar.gz", archive);

        var (code, stderr) = await RunAsync(["--model-uri", uri, "--model-sha256", wrong, "--model-cache-dir", Cache]);

        Assert.Equal(1, code);
        Assert.Contains($"cannot fetch model {uri}: SHA-256 mismatch: expected {wrong}, the archive has {actual}", stderr, StringComparison.Ordinal);
        AssertNoStackTrace(stderr);
        Assert.Empty(Directory.GetDirectories(Cache));
    }

    [Fact]
    public async Task Start_Should_ExitOneAndWriteNothingOutside_When_TheArchiveClimbsOut()
    {
        var marker = "vs-slipped-" + Guid.NewGuid().ToString("N") + ".txt";
        var uri = Server.Serve("slip.tar.gz", TestArchives.TarGz([.. TestArchives.FakePackage(), TestArchives.File("../../../" + marker, "x")]));

        var (code, stderr) = await RunAsync(["--model-uri", uri, "--model-cache-dir", Cache]);

        Assert.Equal(1, code);
        Assert.Contains($"unsafe archive entry '../../../{marker}'", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), marker)));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(Cache)!, marker)));
    }

    [TorchFact]
    public async Task Start_Should_LoadTheModel_When_TheUriIsAFileFolderOrArchive()
    {
        var folder = fixture.Models.PathOf(Package);
        var archive = Path.Combine(Cache + "-src", "model.tgz");
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        await File.WriteAllBytesAsync(archive, TestArchives.TarGzOf(folder));
        try
        {
            // A folder is used in place: nothing goes to the cache.
            await EmbedFromAsync(new Uri(folder).AbsoluteUri);
            Assert.False(Directory.Exists(Cache));

            // An archive is unpacked into the cache.
            await EmbedFromAsync(new Uri(archive).AbsoluteUri);
            Assert.Single(Directory.GetDirectories(Cache));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(archive)!, recursive: true);
        }
    }

    private async Task EmbedFromAsync(string uri)
    {
        await using var node = await fixture.StartAsync(Package, o => o with
        {
            ModelDir = null,
            ModelUri = EmbedderNode.ModelSource.ModelUri.TryParse(uri, null, out _),
            Fetch = EmbedderNode.ModelSource.ModelFetchSettings.For(Cache),
        });

        Assert.Equal(3, (await node.Client.EmbedAsync(Texts)).Embeddings.Count);
    }

    private static async Task<(int? Code, string Stderr)> RunAsync(string[] args)
    {
        var (node, code) = await EmbedderProcess.StartAsync(args);
        await using (node)
        {
            return (code, node.Stderr);
        }
    }

    private static void AssertNoStackTrace(string stderr) =>
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            var worst = expected[i].Zip(actual[i], (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= 1e-5, $"text {i}: largest difference {worst} exceeds 1e-5");
        }
    }
}
