// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Batching;

/// <summary>The batcher is shutting down: the item was not accepted, or was dropped before its batch ran.</summary>
public sealed class BatcherClosedException : InvalidOperationException
{
    public BatcherClosedException(string message)
        : base(message)
    {
    }
}
