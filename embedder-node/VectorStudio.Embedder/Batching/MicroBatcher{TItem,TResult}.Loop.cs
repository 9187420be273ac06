// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Batching;

/// <summary>The background loop: gather, sort, run, route results.</summary>
public sealed partial class MicroBatcher<TItem, TResult>
{
    private static readonly Comparison<Entry> ByLength =
        static (a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.Sequence.CompareTo(b.Sequence);

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var window = new List<Entry>();
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
            {
                window.Clear();
                if (!reader.TryRead(out var first))
                {
                    continue;
                }

                Take(first, window);
                await FillAsync(window, first.Timestamp).ConfigureAwait(false);
                int cap = _options.MaxBatchSize * _options.SortWindowBatches;
                while (window.Count < cap && reader.TryRead(out var more))
                {
                    Take(more, window);
                }

                await RunWindowAsync(window).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Shut down without draining: fall through and fail what is left.
        }

        var closed = new BatcherClosedException("The batcher was shut down before this item's batch ran.");
        foreach (var entry in window)
        {
            Complete(entry, static (e, error) => e.Completion.TrySetException(error), closed);
        }

        while (reader.TryRead(out var left))
        {
            Take(left, window);
            Complete(left, static (e, error) => e.Completion.TrySetException(error), closed);
        }
    }

    /// <summary>Waits, up to MaxWait after the first item, for the batch to fill.</summary>
    private async Task FillAsync(List<Entry> window, long firstTimestamp)
    {
        var reader = _queue.Reader;
        while (window.Count < _options.MaxBatchSize)
        {
            if (reader.TryRead(out var entry))
            {
                Take(entry, window);
                continue;
            }

            var remaining = _options.MaxWait - _time.GetElapsedTime(firstTimestamp);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(remaining, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abort.Token);
            try
            {
                if (!await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    return; // completed for shutdown: run what we have
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !_abort.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunWindowAsync(List<Entry> window)
    {
        var now = _time.GetUtcNow();
        var live = new List<Entry>(window.Count);
        foreach (var entry in window)
        {
            if (entry.IsDone || entry.Token.IsCancellationRequested)
            {
                _metrics?.Dropped.Add(1, new KeyValuePair<string, object?>("reason", "cancelled"));
                Complete<object?>(entry, static (e, _) => e.Cancel(), null);
            }
            else if (entry.Deadline is { } deadline && deadline <= now)
            {
                _metrics?.Dropped.Add(1, new KeyValuePair<string, object?>("reason", "expired"));
                var error = new TimeoutException($"The item's deadline ({deadline:O}) passed before its batch ran.");
                Complete(entry, static (e, error) => e.Completion.TrySetException(error), error);
            }
            else
            {
                live.Add(entry);
            }
        }

        window.Clear();
        live.Sort(ByLength);
        for (int start = 0; start < live.Count; start += _options.MaxBatchSize)
        {
            if (_abort.IsCancellationRequested)
            {
                window.AddRange(live.Skip(start)); // failed by the loop's shutdown path
                return;
            }

            var batch = live.GetRange(start, Math.Min(_options.MaxBatchSize, live.Count - start));
            await RunBatchAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task RunBatchAsync(List<Entry> batch)
    {
        var items = new TItem[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            items[i] = batch[i].Item;
            _metrics?.QueueWait.Record(_time.GetElapsedTime(batch[i].Timestamp).TotalSeconds);
        }

        _metrics?.BatchSize.Record(batch.Count);
        IReadOnlyList<TResult> results;
        try
        {
            results = await _function(items, _abort.Token).ConfigureAwait(false);
            if (results is null || results.Count != items.Length)
            {
                throw new InvalidOperationException(
                    $"The batch function returned {results?.Count ?? 0} results for {items.Length} items; " +
                    "it must return one per item.");
            }
        }
        catch (Exception error)
        {
            var reported = error is OperationCanceledException && _abort.IsCancellationRequested
                ? new BatcherClosedException("The batcher was shut down while this item's batch ran.")
                : error;
            _metrics?.Errors.Add(batch.Count);
            foreach (var entry in batch)
            {
                Complete(entry, static (e, error) => e.Completion.TrySetException(error), reported);
            }

            return;
        }

        for (int i = 0; i < batch.Count; i++)
        {
            Complete(batch[i], static (e, result) => e.Completion.TrySetResult(result!), results[i]);
            _metrics?.Latency.Record(_time.GetElapsedTime(batch[i].Timestamp).TotalSeconds);
        }
    }

    private void Take(Entry entry, List<Entry> window)
    {
        Interlocked.Decrement(ref _depth);
        _metrics?.QueueDepth.Add(-1);
        window.Add(entry);
    }

    private static void Complete<TState>(Entry entry, Action<Entry, TState> complete, TState state)
    {
        complete(entry, state);
        entry.Registration.Dispose();
    }
}
