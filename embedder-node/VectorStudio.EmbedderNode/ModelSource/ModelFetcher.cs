// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>
/// Turns a <see cref="ModelUri"/> into a package folder on disk. A <c>file://</c> folder is used in
/// place; an archive (downloaded, or a <c>file://</c> archive) is checked against the expected SHA-256,
/// unpacked into a temp folder inside the cache and renamed to <c>&lt;cache&gt;/&lt;key&gt;</c>, the key
/// coming from the URI and the digest. The rename is atomic, so a folder under that name is always
/// complete, and a restart with the same URI uses it without downloading again.
/// </summary>
/// <remarks>
/// Cache layout: <c>&lt;cache&gt;/&lt;name&gt;-&lt;24 hex&gt;/</c> one unpacked package per URI and digest;
/// <c>&lt;cache&gt;/.tmp-&lt;guid&gt;/</c> a fetch in progress (removed when it ends; ones left by a killed
/// process are removed by the next fetch once an hour old).
/// </remarks>
public sealed class ModelFetcher : IDisposable
{
    private const string TempPrefix = ".tmp-";
    private static readonly TimeSpan StaleTemp = TimeSpan.FromHours(1);

    private readonly ModelFetchSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public ModelFetcher(ModelFetchSettings settings, ILogger logger, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = settings.Timeout }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("vector-studio-embedder");
    }

    public ModelFetchSettings Settings => _settings;

    /// <summary>Returns the package folder for <paramref name="uri"/>, fetching and unpacking it if needed.</summary>
    /// <exception cref="ModelFetchException">One line naming the URI and what went wrong.</exception>
    public async Task<string> FetchAsync(ModelUri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            return await FetchCoreAsync(uri, cancellationToken);
        }
        catch (ModelFetchException e)
        {
            throw new ModelFetchException(e.Kind, $"model {uri}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFetchException(
                ModelFetchErrorKind.Cache, $"model {uri}: cannot use the cache folder {_settings.CacheDirectory}: {e.Message}", e);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> FetchCoreAsync(ModelUri uri, CancellationToken cancellationToken)
    {
        if (uri.IsFile && Directory.Exists(uri.LocalPath))
        {
            if (uri.Sha256 is not null)
            {
                throw new ModelFetchException(
                    ModelFetchErrorKind.InvalidArchive, $"{uri.LocalPath} is a folder; a SHA-256 can only check an archive");
            }

            _logger.LogInformation("model package folder {Path} (file URI, used in place)", uri.LocalPath);
            return uri.LocalPath;
        }

        if (uri.IsFile && !File.Exists(uri.LocalPath))
        {
            throw new ModelFetchException(ModelFetchErrorKind.NotFound, $"no file or folder at {uri.LocalPath}");
        }

        var cached = Path.Combine(Path.GetFullPath(_settings.CacheDirectory), uri.CacheKey());
        if (Directory.Exists(cached))
        {
            _logger.LogInformation("model {Uri}: reusing the cached package {Path} (no download)", uri, cached);
            return cached;
        }

        Directory.CreateDirectory(_settings.CacheDirectory);
        RemoveStaleTemps();
        var work = Path.Combine(_settings.CacheDirectory, TempPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            return await FetchIntoAsync(uri, work, cached, cancellationToken);
        }
        finally
        {
            TryDelete(work);
        }
    }

    private async Task<string> FetchIntoAsync(ModelUri uri, string work, string cached, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        string archive;
        long bytes;
        string digest;
        if (uri.IsFile)
        {
            archive = uri.LocalPath;
            bytes = new FileInfo(archive).Length;
            if (bytes > _settings.MaxBytes)
            {
                throw new ModelFetchException(
                    ModelFetchErrorKind.InvalidArchive, $"the archive has {bytes} bytes, more than --model-max-bytes ({_settings.MaxBytes})");
            }

            await using var stream = File.OpenRead(archive);
            digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }
        else
        {
            archive = Path.Combine(work, "archive");
            var downloader = new ModelDownloader(_http, _settings, _logger, _time);
            (bytes, digest) = await downloader.DownloadAsync(uri, archive, cancellationToken);
        }

        if (uri.Sha256 is not null && uri.Sha256 != digest)
        {
            throw new ModelFetchException(
                ModelFetchErrorKind.DigestMismatch, $"SHA-256 mismatch: expected {uri.Sha256}, the archive has {digest}");
        }

        var unpacked = Path.Combine(work, "unpacked");
        ModelArchive.Extract(archive, unpacked, _settings.MaxBytes);
        var root = ModelArchive.FindPackageRoot(unpacked) ?? throw new ModelFetchException(
            ModelFetchErrorKind.InvalidArchive,
            "the archive holds no manifest.json at its root or in its only top folder (see docs/embedder.md, Model package)");
        try
        {
            Directory.Move(root, cached);
        }
        catch (IOException) when (Directory.Exists(cached))
        {
            // Another fetch of the same URI and digest finished first; its folder is as good as ours.
        }

        _logger.LogInformation(
            "model {Uri}: {Action} {Bytes} bytes (sha256 {Digest}{Checked}) and unpacked into {Path} in {Ms} ms",
            uri, uri.IsFile ? "read" : "downloaded", bytes, digest, uri.Sha256 is null ? ", not pinned" : ", as expected", cached,
            watch.ElapsedMilliseconds);
        return cached;
    }

    private void RemoveStaleTemps()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var temp in Directory.EnumerateDirectories(_settings.CacheDirectory, TempPrefix + "*"))
        {
            if (now - Directory.GetLastWriteTimeUtc(temp) > StaleTemp)
            {
                TryDelete(temp);
            }
        }
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder costs disk space only, and the next fetch retries removing it.
            _logger.LogWarning("cannot remove {Folder}: {Message}", folder, e.Message);
        }
    }
}
