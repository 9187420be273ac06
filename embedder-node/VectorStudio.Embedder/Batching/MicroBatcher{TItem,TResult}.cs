// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Threading.Channels;

namespace VectorStudio.Embedder.Batching;

/// <summary>
/// Dynamic micro-batching: concurrent callers submit single items; one background loop gathers up to
/// <see cref="MicroBatcherOptions.MaxBatchSize"/> of them, or whatever arrived within
/// <see cref="MicroBatcherOptions.MaxWait"/> of the first, sorts them by a caller-given length, runs the
/// batch function once, and completes each caller with its own result. Knows nothing of models.
/// </summary>
/// <remarks>
/// The queue is bounded: a full queue fails <see cref="SubmitAsync"/> at once with
/// <see cref="BatcherQueueFullException"/>. A cancelled item completes its caller as cancelled at once
/// and is dropped before its batch runs; so is one whose deadline has passed (with
/// <see cref="TimeoutException"/>). Batches run one at a time: the batch function (a model) is the
/// bottleneck, and items queue behind it to form the next, fuller batch.
/// </remarks>
public sealed partial class MicroBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Entry> _queue;
    private readonly BatchFunction<TItem, TResult> _function;
    private readonly Func<TItem, int> _lengthOf;
    private readonly MicroBatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly MicroBatcherMetrics? _metrics;
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _loop;
    private long _sequence;
    private int _depth;

    /// <param name="function">Runs a batch.</param>
    /// <param name="lengthOf">The length of an item (tokens, say), used to sort items by cost.</param>
    /// <param name="options">The knobs; validated here.</param>
    /// <param name="timeProvider">The clock for waits and deadlines (tests pass a manual one).</param>
    /// <param name="metrics">Instruments to record into, or null.</param>
    public MicroBatcher(
        BatchFunction<TItem, TResult> function,
        Func<TItem, int> lengthOf,
        MicroBatcherOptions options,
        TimeProvider? timeProvider = null,
        MicroBatcherMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(lengthOf);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _function = function;
        _lengthOf = lengthOf;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Items waiting for a batch (not counting the batch running now).</summary>
    public int QueueDepth => Volatile.Read(ref _depth);

    /// <summary>
    /// Queues <paramref name="item"/> and completes with its result once its batch has run.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="deadline">When the item is no longer wanted; checked before its batch runs.</param>
    /// <param name="cancellationToken">Cancels the item: the task completes as cancelled at once.</param>
    /// <exception cref="BatcherQueueFullException">The queue is full (the returned task faults at once).</exception>
    /// <exception cref="BatcherClosedException">The batcher is shutting down.</exception>
    public Task<TResult> SubmitAsync(
        TItem item,
        DateTimeOffset? deadline = null,
        CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        long sequence = Interlocked.Increment(ref _sequence);
        var entry = new Entry(item, _lengthOf(item), sequence, _time.GetTimestamp(), deadline, cancellationToken);
        // Registered and counted before the write, so the loop always sees both (and disposes the
        // registration when it completes the entry).
        if (cancellationToken.CanBeCanceled)
        {
            entry.Registration = cancellationToken.Register(static state => ((Entry)state!).Cancel(), entry);
        }

        Interlocked.Increment(ref _depth);
        _metrics?.QueueDepth.Add(1);
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Decrement(ref _depth);
            _metrics?.QueueDepth.Add(-1);
            entry.Registration.Unregister();
            if (_queue.Reader.Completion.IsCompleted || _abort.IsCancellationRequested || IsClosed)
            {
                return Task.FromException<TResult>(
                    new BatcherClosedException("The batcher is shut down; the item was not accepted."));
            }

            _metrics?.Rejected.Add(1);
            return Task.FromException<TResult>(new BatcherQueueFullException(_options.QueueCapacity));
        }

        return entry.Completion.Task;
    }

    /// <summary>
    /// Stops accepting items. With <paramref name="drain"/>, items already queued still run; without
    /// it, they fail with <see cref="BatcherClosedException"/> and a running batch is cancelled.
    /// Completes when the loop has stopped.
    /// </summary>
    public async Task ShutdownAsync(bool drain)
    {
        IsClosed = true;
        _queue.Writer.TryComplete();
        if (!drain)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
    }

    /// <summary>Shuts down, draining the queue.</summary>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(drain: true).ConfigureAwait(false);
        _abort.Dispose();
    }

    private bool IsClosed { get; set; }

    /// <summary>One submitted item and its caller's completion.</summary>
    private sealed class Entry(
        TItem item,
        int length,
        long sequence,
        long timestamp,
        DateTimeOffset? deadline,
        CancellationToken token)
    {
        public TItem Item { get; } = item;

        public int Length { get; } = length;

        public long Sequence { get; } = sequence;

        public long Timestamp { get; } = timestamp;

        public DateTimeOffset? Deadline { get; } = deadline;

        public CancellationToken Token { get; } = token;

        public TaskCompletionSource<TResult> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public bool IsDone => Completion.Task.IsCompleted;

        public void Cancel() => Completion.TrySetCanceled(Token);
    }
}
