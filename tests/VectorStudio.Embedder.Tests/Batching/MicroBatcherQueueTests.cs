// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using VectorStudio.Embedder.Batching;

namespace VectorStudio.Embedder.Tests.Batching;

/// <summary>Queue limits, cancellation, deadlines, shutdown and metrics, each with a batch held at a gate.</summary>
public sealed class MicroBatcherQueueTests
{
    private static readonly TimeSpan Guard = MicroBatcherTests.Guard;

    private static MicroBatcherOptions Options(int capacity = 16) =>
        new() { MaxBatchSize = 4, MaxWait = TimeSpan.Zero, QueueCapacity = capacity };

    [Fact]
    public async Task SubmitAsync_Should_FailFastWithQueueFull_When_QueueIsAtCapacity()
    {
        var function = new RecordingFunction(holdFirstBatch: true);
        await using var batcher = function.Batcher(Options(capacity: 2), new ManualTimeProvider());
        var first = batcher.SubmitAsync(1);
        await function.FirstStarted.WaitAsync(Guard);
        var queued = new[] { batcher.SubmitAsync(2), batcher.SubmitAsync(3) };

        var refused = batcher.SubmitAsync(4);

        Assert.True(refused.IsFaulted, "a full queue must fail the submission at once, not wait");
        var error = await Assert.ThrowsAsync<BatcherQueueFullException>(() => refused);
        Assert.Equal(2, error.Capacity);
        Assert.Equal(2, batcher.QueueDepth);
        function.Release();
        Assert.Equal(["r1", "r2", "r3"], await Task.WhenAll(queued.Prepend(first)).WaitAsync(Guard));
    }

    [Fact]
    public async Task SubmitAsync_Should_CancelAtOnceAndSkipTheItem_When_CancelledWhileQueued()
    {
        var function = new RecordingFunction(holdFirstBatch: true);
        await using var batcher = function.Batcher(Options(), new ManualTimeProvider());
        var first = batcher.SubmitAsync(1);
        await function.FirstStarted.WaitAsync(Guard);
        using var cancel = new CancellationTokenSource();
        var cancelled = batcher.SubmitAsync(2, cancellationToken: cancel.Token);
        var kept = batcher.SubmitAsync(3);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Guard));
        function.Release();
        Assert.Equal("r3", await kept.WaitAsync(Guard));
        Assert.Equal([[1], [3]], function.Batches.ToArray());
    }

    [Fact]
    public async Task SubmitAsync_Should_FailWithTimeoutAndSkipTheItem_When_DeadlinePassesInQueue()
    {
        var time = new ManualTimeProvider();
        var function = new RecordingFunction(holdFirstBatch: true);
        await using var batcher = function.Batcher(Options(), time);
        var first = batcher.SubmitAsync(1);
        await function.FirstStarted.WaitAsync(Guard);
        var expiring = batcher.SubmitAsync(2, deadline: time.GetUtcNow().AddMilliseconds(5));
        var kept = batcher.SubmitAsync(3, deadline: time.GetUtcNow().AddSeconds(5));

        time.Advance(TimeSpan.FromMilliseconds(10));
        function.Release();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => expiring.WaitAsync(Guard));
        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
        Assert.Equal("r3", await kept.WaitAsync(Guard));
        Assert.Equal([[1], [3]], function.Batches.ToArray());
    }

    [Fact]
    public async Task ShutdownAsync_Should_RunQueuedItemsAndRefuseNewOnes_When_Draining()
    {
        var function = new RecordingFunction(holdFirstBatch: true);
        var batcher = function.Batcher(Options(), new ManualTimeProvider());
        var first = batcher.SubmitAsync(1);
        await function.FirstStarted.WaitAsync(Guard);
        var queued = new[] { batcher.SubmitAsync(2), batcher.SubmitAsync(3) };

        var shutdown = batcher.ShutdownAsync(drain: true);
        var late = batcher.SubmitAsync(4);
        function.Release();
        await shutdown.WaitAsync(Guard);

        await Assert.ThrowsAsync<BatcherClosedException>(() => late);
        Assert.Equal(["r1", "r2", "r3"], await Task.WhenAll(queued.Prepend(first)).WaitAsync(Guard));
    }

    [Fact]
    public async Task ShutdownAsync_Should_FailRunningAndQueuedItemsClearly_When_NotDraining()
    {
        var function = new RecordingFunction(holdFirstBatch: true);
        var batcher = function.Batcher(Options(), new ManualTimeProvider());
        var running = batcher.SubmitAsync(1);
        await function.FirstStarted.WaitAsync(Guard);
        var queued = batcher.SubmitAsync(2);

        await batcher.ShutdownAsync(drain: false).WaitAsync(Guard);

        var error = await Assert.ThrowsAsync<BatcherClosedException>(() => running.WaitAsync(Guard));
        Assert.Contains("shut down while this item's batch ran", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<BatcherClosedException>(() => queued.WaitAsync(Guard));
        Assert.Contains("before this item's batch ran", error.Message, StringComparison.Ordinal);
        Assert.Single(function.Batches);
    }

    [Fact]
    public async Task Metrics_Should_ReportBatchSizesDepthRejectionsAndLatency_When_ItemsFlow()
    {
        using var meter = new Meter("VectorStudio.Embedder.Tests." + Guid.NewGuid().ToString("N"));
        var recorded = new List<(string Name, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value)
        {
            lock (recorded)
            {
                recorded.Add((instrument.Name, value));
            }
        }

        listener.SetMeasurementEventCallback<double>((i, v, _, _) => Record(i, v));
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => Record(i, v));
        listener.Start();
        var function = new RecordingFunction(holdFirstBatch: true);
        var metrics = new MicroBatcherMetrics(meter, "vdb_embedding");
        await using (var batcher = function.Batcher(Options(capacity: 2), new ManualTimeProvider(), metrics))
        {
            var first = batcher.SubmitAsync(1);
            await function.FirstStarted.WaitAsync(Guard);
            var queued = new[] { batcher.SubmitAsync(2), batcher.SubmitAsync(3) };
            await Assert.ThrowsAsync<BatcherQueueFullException>(() => batcher.SubmitAsync(4));
            function.Release();
            await Task.WhenAll(queued.Prepend(first)).WaitAsync(Guard);
        }

        lock (recorded)
        {
            Assert.Equal([1.0, 2.0], recorded.Where(r => r.Name == "vdb_embedding_batch_size").Select(r => r.Value));
            Assert.Equal(0, recorded.Where(r => r.Name == "vdb_embedding_queue_depth").Sum(r => r.Value));
            Assert.Equal(3, recorded.Count(r => r.Name == "vdb_embedding_latency_seconds"));
            Assert.Equal(3, recorded.Count(r => r.Name == "vdb_embedding_queue_wait_seconds"));
            Assert.Equal(1, recorded.Where(r => r.Name == "vdb_embedding_rejected_total").Sum(r => r.Value));
        }
    }
}
