// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Client;

/// <summary>
/// Optimistic concurrency: read the object, change it, write it back with the resourceVersion read;
/// on 409 Conflict read again and retry, a bounded number of times with backoff (client-go's
/// RetryOnConflict). Other errors propagate at once.
/// </summary>
public static class ConflictRetry
{
    /// <summary>Attempts before the last conflict is rethrown: five tries over ~1.5 s covers a busy object.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>
    /// Get → <paramref name="mutate"/> → replace, retried on conflict. <paramref name="mutate"/>
    /// returns false to say "nothing to change", which skips the write and returns the object read.
    /// Set <paramref name="status"/> to write through the <c>/status</c> subresource.
    /// </summary>
    public static Task<T> UpdateAsync<T>(KubeApiClient client, ResourceType type, string? ns, string name,
        Func<T, bool> mutate, bool status = false, int attempts = DefaultAttempts, TimeProvider? time = null,
        CancellationToken ct = default)
        where T : class =>
        RetryAsync(async token =>
        {
            var current = await client.GetAsync<T>(type, ns, name, token).ConfigureAwait(false);
            if (!mutate(current))
            {
                return current;
            }

            return status
                ? await client.ReplaceStatusAsync(type, ns, name, current, token).ConfigureAwait(false)
                : await client.ReplaceAsync(type, ns, name, current, token).ConfigureAwait(false);
        }, attempts, time, ct);

    /// <summary>Runs <paramref name="attempt"/> until it does not throw a conflict, at most <paramref name="attempts"/> times.</summary>
    public static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> attempt, int attempts = DefaultAttempts,
        TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        time ??= TimeProvider.System;

        // 10 ms doubling to at most 1 s: 10+20+40+80 ms (+jitter) between five attempts.
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt(ct).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsConflict && i < attempts)
            {
                await Task.Delay(backoff.Next(), time, ct).ConfigureAwait(false);
            }
        }
    }
}
