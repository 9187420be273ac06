// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder;
using VectorStudio.Embedder.Runtime;

namespace VectorStudio.EmbedderNode.Tests;

public sealed class ModelSlotTests
{
    [Fact]
    public async Task SwapAsync_Should_KeepOldModelAlive_When_ALeaseIsHeld()
    {
        var first = new CountingPipeline("first");
        using var slot = new ModelSlot(first);
        var lease = slot.Acquire();

        var (info, generation) = await slot.SwapAsync(() => new CountingPipeline("second"), CancellationToken.None);

        Assert.Equal("second", info.Name);
        Assert.Equal(2, generation);
        Assert.False(first.Disposed);
        Assert.Same(first, lease.Pipeline);
        lease.Dispose();
        Assert.True(first.Disposed);
        using var next = slot.Acquire();
        Assert.Equal("second", next.Pipeline.Info.Name);
    }

    [Fact]
    public async Task SwapAsync_Should_KeepCurrentModel_When_LoadThrows()
    {
        var first = new CountingPipeline("first");
        using var slot = new ModelSlot(first);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            slot.SwapAsync(() => throw new InvalidDataException("corrupt"), CancellationToken.None));

        Assert.Equal(("first", 1L), (slot.Current.Info.Name, slot.Current.Generation));
        Assert.False(first.Disposed);
    }

    [Fact]
    public async Task Acquire_Should_NeverReturnADisposedModel_When_SwapsRaceWithLeases()
    {
        var created = new List<CountingPipeline>();
        var first = new CountingPipeline("m0");
        created.Add(first);
        using var slot = new ModelSlot(first);
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var leases = 0;
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var lease = slot.Acquire();
                if (((CountingPipeline)lease.Pipeline).Disposed)
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref leases);
            }
        })).ToArray();

        for (var i = 1; i <= 200; i++)
        {
            var name = $"m{i}";
            await slot.SwapAsync(
                () =>
                {
                    var next = new CountingPipeline(name);
                    lock (created)
                    {
                        created.Add(next);
                    }

                    return next;
                },
                CancellationToken.None);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, failures);
        Assert.True(leases > 0);
        Assert.Equal(201, slot.Current.Generation);
        // Every replaced model was released exactly once; the one being served was not.
        Assert.All(created.Take(200), p => Assert.Equal(1, p.DisposeCount));
        Assert.Equal(0, created[^1].DisposeCount);
    }

    private sealed class CountingPipeline(string name) : IEmbeddingPipeline
    {
        private int _disposeCount;

        public EmbeddingModelInfo Info { get; } = new(name, ModelBackendKind.Onnx, 4, "cpu", "fp32", 16, PoolingMode.Mean, true);

        public bool Disposed => Volatile.Read(ref _disposeCount) > 0;

        public int DisposeCount => Volatile.Read(ref _disposeCount);

        public Task<IReadOnlyList<TextEmbedding>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TextEmbedding>>([.. texts.Select(t => new TextEmbedding(new float[4], t.Length, false))]);

        public void Dispose() => Interlocked.Increment(ref _disposeCount);
    }
}
