// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Batching;

/// <summary>
/// The batcher's queue is full: the item was not accepted. The service maps this to
/// RESOURCE_EXHAUSTED; the caller should retry with backoff.
/// </summary>
public sealed class BatcherQueueFullException : Exception
{
    public BatcherQueueFullException(int capacity)
        : base($"The batch queue is full ({capacity} items waiting); retry later with backoff.")
    {
        Capacity = capacity;
    }

    public int Capacity { get; }
}
