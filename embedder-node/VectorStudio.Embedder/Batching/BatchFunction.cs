// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Batching;

/// <summary>
/// Runs one batch: returns one result per item, in the order of <paramref name="items"/>. An exception
/// fails every caller in the batch with it. <paramref name="cancellationToken"/> fires only when the
/// batcher is shut down without draining.
/// </summary>
public delegate Task<IReadOnlyList<TResult>> BatchFunction<TItem, TResult>(
    IReadOnlyList<TItem> items,
    CancellationToken cancellationToken);
