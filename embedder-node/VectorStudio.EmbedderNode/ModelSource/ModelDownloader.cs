// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>
/// Downloads an archive over HTTP(S) into a file, hashing it on the way. Transient failures (5xx, 408,
/// 429, a refused or dropped connection, a timeout) are retried up to <see cref="ModelFetchSettings.Attempts"/>
/// times with doubling delays; any other 4xx is final at once. Each attempt starts from byte 0.
/// </summary>
/// <remarks>
/// Timing: with the defaults (5 attempts, 1 s first delay) a server that stays down costs
/// 1 + 2 + 4 + 8 = 15 s of waiting plus the attempts themselves before start-up fails; a stalled body read
/// fails an attempt after <see cref="ModelFetchSettings.Timeout"/> (60 s) without a byte.
/// </remarks>
public sealed class ModelDownloader(HttpClient http, ModelFetchSettings settings, ILogger logger, TimeProvider time)
{
    /// <summary>Longest wait between attempts, whatever the doubling says.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Downloads <paramref name="uri"/> into <paramref name="file"/>; returns its size and SHA-256 (hex).</summary>
    /// <exception cref="ModelFetchException">Kinds NotFound, Refused, Unavailable or InvalidArchive (too large).</exception>
    public async Task<(long Bytes, string Sha256)> DownloadAsync(ModelUri uri, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var delay = settings.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            logger.LogInformation("fetching model {Uri}: attempt {Attempt} of {Attempts}", uri, attempt, settings.Attempts);
            string reason;
            try
            {
                return await AttemptAsync(uri, file, cancellationToken);
            }
            catch (TransientFetchException e)
            {
                reason = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = $"no data for {settings.Timeout.TotalSeconds:0.#} s (--model-fetch-timeout-s)";
            }
            catch (HttpRequestException e) when (e.HttpRequestError != HttpRequestError.SecureConnectionError)
            {
                reason = Describe(e);
            }
            catch (HttpRequestException e)
            {
                throw new ModelFetchException(ModelFetchErrorKind.Refused, Describe(e), e);
            }
            catch (IOException e) when (e is not FileNotFoundException)
            {
                reason = $"the download broke off: {e.Message}";
            }

            if (attempt >= settings.Attempts)
            {
                throw new ModelFetchException(
                    ModelFetchErrorKind.Unavailable,
                    attempt == 1 ? reason : $"{reason} (gave up after {attempt} attempts)");
            }

            logger.LogWarning(
                "fetching model {Uri}: attempt {Attempt} of {Attempts} failed: {Reason}; next in {Delay} ms",
                uri, attempt, settings.Attempts, reason, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task<(long Bytes, string Sha256)> AttemptAsync(ModelUri uri, string file, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var response = await http.GetAsync(uri.Location, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var status = (int)response.StatusCode;
        var described = $"HTTP {status} ({response.ReasonPhrase ?? response.StatusCode.ToString()})";
        if (!response.IsSuccessStatusCode)
        {
            throw status switch
            {
                >= 500 or 408 or 429 => new TransientFetchException(described),
                404 or 410 => new ModelFetchException(ModelFetchErrorKind.NotFound, described),
                _ => new ModelFetchException(ModelFetchErrorKind.Refused, described),
            };
        }

        if (response.Content.Headers.ContentLength is { } length && length > settings.MaxBytes)
        {
            throw TooLarge($"the server reports {length} bytes");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long total = 0;
        while (true)
        {
            // The timeout restarts for every read: a slow but moving download of a large model is fine, a stall is not.
            timeout.CancelAfter(settings.Timeout);
            var n = await body.ReadAsync(buffer, timeout.Token);
            if (n == 0)
            {
                break;
            }

            total += n;
            if (total > settings.MaxBytes)
            {
                throw TooLarge("the download");
            }

            hash.AppendData(buffer, 0, n);
            await output.WriteAsync(buffer.AsMemory(0, n), timeout.Token);
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private ModelFetchException TooLarge(string what) =>
        new(ModelFetchErrorKind.InvalidArchive, $"{what} exceeds --model-max-bytes ({settings.MaxBytes} bytes)");

    private static string Describe(HttpRequestException e)
    {
        var inner = e.InnerException?.Message;
        return inner is null || e.Message.Contains(inner, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner})";
    }

    /// <summary>A failure worth another attempt.</summary>
    private sealed class TransientFetchException(string message) : Exception(message);
}
