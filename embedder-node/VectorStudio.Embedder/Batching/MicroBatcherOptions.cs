// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Batching;

/// <summary>The micro-batcher's knobs (see docs/embedder.md, "Micro-batching").</summary>
public sealed record MicroBatcherOptions
{
    /// <summary>Most items handed to one call of the batch function.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>
    /// How long a batch may wait for more items after its first item was submitted. A backlog older
    /// than this runs at once with whatever is queued.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Items that may wait in the queue; beyond it, submissions fail with <see cref="BatcherQueueFullException"/>.
    /// </summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>
    /// Under a backlog, up to this many batches' worth of queued items are taken together, sorted by
    /// length and cut into batches of similar lengths, so that short texts are not padded to long ones.
    /// 1 sorts within a batch only.
    /// </summary>
    public int SortWindowBatches { get; init; } = 4;

    internal void Validate()
    {
        Check(MaxBatchSize >= 1, $"MaxBatchSize is {MaxBatchSize}; it must be at least 1.");
        Check(MaxWait >= TimeSpan.Zero, $"MaxWait is {MaxWait}; it must not be negative.");
        Check(QueueCapacity >= 1, $"QueueCapacity is {QueueCapacity}; it must be at least 1.");
        Check(SortWindowBatches >= 1, $"SortWindowBatches is {SortWindowBatches}; it must be at least 1.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
