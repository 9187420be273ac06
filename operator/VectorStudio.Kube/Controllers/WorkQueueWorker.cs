// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VectorStudio.Kube.Controllers;

/// <summary>
/// The worker loop around a <see cref="WorkQueue"/>: take a key, reconcile it, then forget its
/// failures (and requeue after the delay the reconciler asked for), or on an exception requeue it
/// rate-limited. Several workers may share one queue; the queue keeps one key on one worker.
/// </summary>
public static class WorkQueueWorker
{
    /// <summary>
    /// Runs until the queue is shut down and drained or <paramref name="ct"/> fires.
    /// <paramref name="reconcile"/> returns null when done, or a delay to look at the key again.
    /// </summary>
    public static async Task RunAsync(WorkQueue queue, Func<string, CancellationToken, Task<TimeSpan?>> reconcile,
        ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        while (!ct.IsCancellationRequested)
        {
            string? key;
            try
            {
                key = await queue.GetAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            if (key is null)
            {
                return;
            }

            try
            {
                var requeueAfter = await reconcile(key, ct).ConfigureAwait(false);
                queue.Forget(key);
                if (requeueAfter is { } delay)
                {
                    queue.AddAfter(key, delay);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "reconcile {Key} failed (attempt {Attempt}); requeued with backoff", key,
                    queue.Requeues(key) + 1);
                queue.AddRateLimited(key);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }
}
