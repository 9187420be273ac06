// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Configuration;

/// <summary>
/// A token read from a file (the service-account token, or kubeconfig <c>tokenFile:</c>). The kubelet
/// rotates projected service-account tokens (by default hourly, valid for longer), so the file is
/// re-read when the cached copy is older than <see cref="RefreshInterval"/>: one minute keeps the
/// token at most a minute stale, far inside its validity, for one small file read a minute.
/// </summary>
public sealed class FileTokenSource : ITokenSource
{
    private readonly string _path;
    private readonly TimeProvider _time;

    // One immutable snapshot: concurrent callers may both re-read the file, which is harmless.
    private Cached? _cached;

    public FileTokenSource(string path, TimeProvider? time = null)
    {
        _path = path;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How old the cached token may get before the file is read again.</summary>
    public static TimeSpan RefreshInterval { get; } = TimeSpan.FromMinutes(1);

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && now - cached.ReadAt < RefreshInterval)
        {
            return cached.Token;
        }

        var token = await ReadAsync(cached?.Token, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _cached, new Cached(token, now));
        return token;
    }

    private async Task<string> ReadAsync(string? previous, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (previous is not null)
            {
                // Best-effort: a rotation caught mid-write keeps the previous token one more interval.
                return previous;
            }

            throw new KubeConfigException($"cannot read the bearer token file {_path}: {ex.Message}", ex);
        }

        var token = text.Trim();
        if (token.Length == 0)
        {
            throw new KubeConfigException($"the bearer token file {_path} is empty");
        }

        return token;
    }

    private sealed record Cached(string Token, DateTimeOffset ReadAt);
}
