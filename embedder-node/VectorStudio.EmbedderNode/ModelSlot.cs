// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.EmbedderNode;

/// <summary>
/// The model the node serves, swappable at run time. A request leases the current model for its
/// whole duration; a swap publishes the new model with one reference write, and the old model is
/// disposed when its last lease ends, so requests in flight finish on the model they started with.
/// </summary>
/// <remarks>
/// Each loaded model carries a reference count that starts at 1 (the slot's own reference). A lease
/// adds one only while the count is above zero; a swap drops the slot's reference. A lease that raced
/// with a swap and found the old model already at zero retries on the new one.
/// </remarks>
public sealed class ModelSlot : IDisposable
{
    private readonly SemaphoreSlim _swap = new(1, 1);
    private Entry _current;
    private long _generation = 1;

    public ModelSlot(IEmbeddingPipeline initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = new Entry(initial, 1);
    }

    /// <summary>The model new requests get, and how many loads led to it (1 for the first).</summary>
    public (EmbeddingModelInfo Info, long Generation) Current
    {
        get
        {
            var entry = Volatile.Read(ref _current);
            return (entry.Pipeline.Info, entry.Generation);
        }
    }

    /// <summary>Leases the current model; dispose the lease when the request is done with it.</summary>
    public ModelLease Acquire()
    {
        while (true)
        {
            var entry = Volatile.Read(ref _current);
            if (entry.TryAddReference())
            {
                return new ModelLease(entry);
            }
        }
    }

    /// <summary>
    /// Loads a model with <paramref name="load"/> (slow: it runs outside any lock requests take) and
    /// swaps it in. Loads are serialised so generations follow load order. When the load throws, the
    /// current model stays.
    /// </summary>
    /// <remarks>Cancellation: only while waiting for an earlier load; a started load runs to the end.</remarks>
    public async Task<(EmbeddingModelInfo Info, long Generation)> SwapAsync(
        Func<IEmbeddingPipeline> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        await _swap.WaitAsync(cancellationToken);
        try
        {
            var next = await Task.Run(load, CancellationToken.None);
            var entry = new Entry(next, Interlocked.Increment(ref _generation));
            var old = Interlocked.Exchange(ref _current, entry);
            old.Release();
            return (next.Info, entry.Generation);
        }
        finally
        {
            _swap.Release();
        }
    }

    public void Dispose()
    {
        Volatile.Read(ref _current).Release();
        _swap.Dispose();
    }

    /// <summary>One loaded model and its reference count.</summary>
    internal sealed class Entry(IEmbeddingPipeline pipeline, long generation)
    {
        private int _references = 1;

        public IEmbeddingPipeline Pipeline { get; } = pipeline;

        public long Generation { get; } = generation;

        public bool TryAddReference()
        {
            var seen = Volatile.Read(ref _references);
            while (seen > 0)
            {
                var previous = Interlocked.CompareExchange(ref _references, seen + 1, seen);
                if (previous == seen)
                {
                    return true;
                }

                seen = previous;
            }

            return false;
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                Pipeline.Dispose();
            }
        }
    }
}
