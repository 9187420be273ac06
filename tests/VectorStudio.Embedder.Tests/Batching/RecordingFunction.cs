// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using VectorStudio.Embedder.Batching;

namespace VectorStudio.Embedder.Tests.Batching;

/// <summary>
/// A batch function over ints that records each batch, returns "r{item}", and can hold its first call
/// at a gate so that tests can queue items behind a running batch.
/// </summary>
internal sealed class RecordingFunction
{
    private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public RecordingFunction(bool holdFirstBatch = false)
    {
        if (!holdFirstBatch)
        {
            _gate.SetResult();
        }
    }

    public ConcurrentQueue<int[]> Batches { get; } = new();

    /// <summary>Items for which the function throws (failing their whole batch).</summary>
    public HashSet<int> Poison { get; } = [];

    public Task FirstStarted => _firstStarted.Task;

    public void Release() => _gate.TrySetResult();

    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<int> items, CancellationToken cancellationToken)
    {
        Batches.Enqueue([.. items]);
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _firstStarted.SetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        if (items.Any(Poison.Contains))
        {
            throw new InvalidOperationException($"poisoned batch [{string.Join(",", items)}]");
        }

        return [.. items.Select(i => $"r{i}")];
    }

    public MicroBatcher<int, string> Batcher(
        MicroBatcherOptions options,
        TimeProvider? time = null,
        MicroBatcherMetrics? metrics = null) =>
        new(RunAsync, static i => i, options, time, metrics);
}
