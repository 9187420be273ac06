// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Engine.Durability;
using VectorStudio.Engine.Errors;

namespace VectorStudio.ShardNode;

/// <summary>
/// Takes a checkpoint (a snapshot of every changed collection, then WAL truncation) each time the WAL has
/// grown by the configured amount, so recovery replays at most about that much log.
/// </summary>
public sealed class CheckpointLoop : IAsyncDisposable
{
    /// <summary>How often the WAL's size is looked at: cheap (one counter read), and short next to a checkpoint.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CheckpointLoop(DurableStore store, long everyBytes, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _loop = everyBytes <= 0 ? Task.CompletedTask : Task.Run(() => RunAsync(store, everyBytes, logger, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(DurableStore store, long everyBytes, ILogger logger, CancellationToken stop)
    {
        var last = store.Wal.BytesWritten;
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (store.Wal.BytesWritten - last < everyBytes)
                {
                    continue;
                }

                last = store.Wal.BytesWritten;
                try
                {
                    var written = store.Checkpoint();
                    logger.LogInformation("checkpoint: {Count} snapshots written", written.Count);
                }
                catch (Exception e) when (e is EngineException or IOException)
                {
                    // Best effort: the WAL still holds everything; the next tick tries again.
                    logger.LogWarning("checkpoint failed: {Message}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
