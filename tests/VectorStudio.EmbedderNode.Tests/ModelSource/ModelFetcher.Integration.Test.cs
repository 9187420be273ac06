// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.EmbedderNode.ModelSource;

namespace VectorStudio.EmbedderNode.Tests.ModelSource;

/// <summary>The fetcher against a real HTTP server on loopback and real files, each test in its own cache folder.</summary>
public sealed class ModelFetcherIntegrationTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vs-fetch-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _package = TestArchives.TarGz(TestArchives.FakePackage());
    private ModelServer _server = null!;

    private string Cache => Path.Combine(_dir, "cache");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _server = await ModelServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task FetchAsync_Should_DownloadOnceAndReuseTheCache_When_TheSameUriIsFetchedAgain()
    {
        var uri = Parse(_server.Serve("model.tar.gz", _package));

        var first = await FetchAsync(uri);
        var second = await FetchAsync(uri);

        Assert.Equal(first, second);
        Assert.Equal("{\"name\":\"fake\"}", await File.ReadAllTextAsync(Path.Combine(first, "manifest.json")));
        Assert.Equal(1, _server.Requests("model.tar.gz"));
        Assert.StartsWith(Path.GetFullPath(Cache), first, StringComparison.Ordinal);
        // Only the package folder is left in the cache: the temp folder of the download is gone.
        Assert.Equal([first], Directory.GetDirectories(Cache));
    }

    [Fact]
    public async Task FetchAsync_Should_Succeed_When_TheServerFailsTwiceWith503()
    {
        var uri = Parse(_server.Serve("flaky.tar.gz", _package));
        _server.FailFirst("flaky.tar.gz", 503, 503);

        var folder = await FetchAsync(uri);

        Assert.True(File.Exists(Path.Combine(folder, "model.pt")));
        Assert.Equal(3, _server.Requests("flaky.tar.gz"));
    }

    [Fact]
    public async Task FetchAsync_Should_StartAgainFromByteZero_When_TheConnectionDropsOrStallsMidBody()
    {
        var uri = Parse(_server.Serve("broken.tar.gz", _package));
        _server.BreakFirst("broken.tar.gz", BodyFault.Drop, BodyFault.Stall);

        // A 1 s read timeout ends the stalled attempt quickly; loopback delivers every byte of a good one in far less.
        var folder = await FetchAsync(uri, attempts: 3, timeout: TimeSpan.FromSeconds(1));

        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(folder, "model.pt")));
        Assert.Equal(3, _server.Requests("broken.tar.gz"));
    }

    [Fact]
    public async Task FetchAsync_Should_NameTheTimeout_When_EveryAttemptStalls()
    {
        var uri = Parse(_server.Serve("stalled.tar.gz", _package));
        _server.BreakFirst("stalled.tar.gz", BodyFault.Stall, BodyFault.Stall);

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(uri, attempts: 2, timeout: TimeSpan.FromSeconds(1)));

        Assert.Equal(ModelFetchErrorKind.Unavailable, error.Kind);
        Assert.EndsWith("no data for 1 s (--model-fetch-timeout-s) (gave up after 2 attempts)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, ModelFetchErrorKind.NotFound, "HTTP 404 (Not Found)")]
    [InlineData(403, ModelFetchErrorKind.Refused, "HTTP 403 (Forbidden)")]
    public async Task FetchAsync_Should_FailAtOnce_When_TheServerAnswers4xx(int status, ModelFetchErrorKind kind, string expected)
    {
        var uri = Parse(_server.Serve("gone.tar.gz", _package));
        _server.FailFirst("gone.tar.gz", status);

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(uri));

        Assert.Equal(kind, error.Kind);
        Assert.Equal($"model {uri}: {expected}", error.Message);
        Assert.Equal(1, _server.Requests("gone.tar.gz"));
        Assert.False(Directory.Exists(Path.Combine(Cache, uri.CacheKey())));
    }

    [Fact]
    public async Task FetchAsync_Should_GiveUpAfterTheAttempts_When_TheServerKeepsFailing()
    {
        var uri = Parse(_server.Serve("down.tar.gz", _package));
        _server.FailFirst("down.tar.gz", 500, 502, 503, 504);

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(uri, attempts: 3));

        Assert.Equal(ModelFetchErrorKind.Unavailable, error.Kind);
        Assert.Contains("HTTP 503 (Service Unavailable) (gave up after 3 attempts)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests("down.tar.gz"));
    }

    [Fact]
    public async Task FetchAsync_Should_RetryThenNameTheReason_When_TheConnectionIsRefused()
    {
        // A port that was free a moment ago and has no listener: connections are refused.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var uri = Parse($"http://127.0.0.1:{port}/model.tar.gz");

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(uri, attempts: 2));

        Assert.Equal(ModelFetchErrorKind.Unavailable, error.Kind);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("gave up after 2 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_Should_RejectBeforeUnpacking_When_TheDigestDiffers()
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(_package));
        var wrong = new string('0', 64);
        var uri = Parse(_server.Serve("pinned.tar.gz", _package) + "#sha256=" + wrong);

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(uri));
        var pinned = await FetchAsync(Parse(_server.UriOf("pinned.tar.gz") + "#sha256=" + actual));

        Assert.Equal(ModelFetchErrorKind.DigestMismatch, error.Kind);
        Assert.Contains($"expected {wrong}, the archive has {actual}", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Cache, uri.CacheKey())));
        Assert.True(File.Exists(Path.Combine(pinned, "manifest.json")));
    }

    [Fact]
    public async Task FetchAsync_Should_RejectAndCacheNothing_When_TheArchiveClimbsOut()
    {
        var uri = Parse(_server.Serve("slip.tar.gz", TestArchives.TarGz([.. TestArchives.FakePackage(), TestArchives.File("../../slipped.txt", "x")])));

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(uri));

        Assert.Equal(ModelFetchErrorKind.InvalidArchive, error.Kind);
        Assert.Contains("unsafe archive entry '../../slipped.txt'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "slipped.txt", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFileSystemEntries(Cache));
    }

    [Fact]
    public async Task FetchAsync_Should_StopReading_When_TheDownloadExceedsTheCap()
    {
        var uri = Parse(_server.Serve("huge.tar.gz", new byte[64 * 1024]));

        var error = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(uri, maxBytes: 1024));

        Assert.Equal(ModelFetchErrorKind.InvalidArchive, error.Kind);
        Assert.Contains("the server reports 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_Should_UseTheFolderInPlaceOrUnpackTheArchive_When_TheUriIsAFile()
    {
        var folder = Path.Combine(_dir, "pkg");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), "{}");
        var archive = Path.Combine(_dir, "pkg.zip");
        await File.WriteAllBytesAsync(archive, TestArchives.ZipOf(folder));

        var inPlace = await FetchAsync(Parse(new Uri(folder).AbsoluteUri));
        var unpacked = await FetchAsync(Parse(new Uri(archive).AbsoluteUri));
        var missing = await Assert.ThrowsAsync<ModelFetchException>(() => FetchAsync(Parse(new Uri(Path.Combine(_dir, "nope.tgz")).AbsoluteUri)));

        Assert.Equal(folder, inPlace);
        Assert.NotEqual(archive, unpacked);
        Assert.True(File.Exists(Path.Combine(unpacked, "manifest.json")));
        Assert.Equal(ModelFetchErrorKind.NotFound, missing.Kind);
        Assert.Contains("no file or folder at", missing.Message, StringComparison.Ordinal);
    }

    private static ModelUri Parse(string text) =>
        ModelUri.TryParse(text, null, out var error) ?? throw new InvalidOperationException(error);

    private async Task<string> FetchAsync(ModelUri uri, int attempts = 3, long maxBytes = 1 << 20, TimeSpan? timeout = null)
    {
        // 20 ms between attempts keeps retry tests quick; the 30 s timeout is far above any loopback response.
        var settings = new ModelFetchSettings(Cache, maxBytes, attempts, TimeSpan.FromMilliseconds(20), timeout ?? TimeSpan.FromSeconds(30));
        using var fetcher = new ModelFetcher(settings, NullLogger.Instance);
        return await fetcher.FetchAsync(uri, CancellationToken.None);
    }
}
