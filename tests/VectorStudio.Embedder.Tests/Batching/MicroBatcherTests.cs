// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Batching;

namespace VectorStudio.Embedder.Tests.Batching;

public sealed class MicroBatcherTests
{
    /// <summary>Only a guard against a hang: every wait here ends on an event, far sooner on any machine.</summary>
    internal static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SubmitAsync_Should_RouteEachResultToItsCaller_When_ManyCallersSubmitConcurrently()
    {
        var function = new RecordingFunction();
        var options = new MicroBatcherOptions { MaxBatchSize = 16, MaxWait = TimeSpan.FromMilliseconds(1) };
        await using var batcher = function.Batcher(options);

        var tasks = Enumerable.Range(0, 64).Select(caller => Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                int item = (caller * 1000) + i;
                Assert.Equal($"r{item}", await batcher.SubmitAsync(item));
            }
        }));
        await Task.WhenAll(tasks).WaitAsync(Guard);

        var batches = function.Batches.ToArray();
        Assert.Equal(64 * 50, batches.Sum(b => b.Length));
        Assert.All(batches, b => Assert.InRange(b.Length, 1, 16));
        Assert.Equal(64 * 50, batches.SelectMany(b => b).Distinct().Count());
    }

    [Fact]
    public async Task SubmitAsync_Should_RunAtOnce_When_MaxBatchSizeItemsArrive()
    {
        var time = new ManualTimeProvider();
        var function = new RecordingFunction();
        var options = new MicroBatcherOptions { MaxBatchSize = 4, MaxWait = TimeSpan.FromHours(1) };
        await using var batcher = function.Batcher(options, time);

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => batcher.SubmitAsync(i))).WaitAsync(Guard);

        // The clock never moved: a full batch does not wait for MaxWait.
        Assert.Equal(["r1", "r2", "r3", "r4"], results);
        Assert.Equal([1, 2, 3, 4], Assert.Single(function.Batches));
    }

    [Fact]
    public async Task SubmitAsync_Should_RunAPartialBatch_When_MaxWaitElapsesAfterTheFirstItem()
    {
        var time = new ManualTimeProvider();
        var function = new RecordingFunction();
        var options = new MicroBatcherOptions { MaxBatchSize = 8, MaxWait = TimeSpan.FromMilliseconds(10) };
        await using var batcher = function.Batcher(options, time);

        var waiting = time.NextTimerAsync();
        var tasks = Enumerable.Range(1, 3).Select(i => batcher.SubmitAsync(i)).ToArray();
        await waiting.WaitAsync(Guard);
        Assert.Empty(function.Batches);
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Empty(function.Batches);
        Assert.All(tasks, t => Assert.False(t.IsCompleted));

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["r1", "r2", "r3"], await Task.WhenAll(tasks).WaitAsync(Guard));
        Assert.Equal([1, 2, 3], Assert.Single(function.Batches));
    }

    [Fact]
    public async Task SubmitAsync_Should_GroupSimilarLengths_When_ABacklogIsSorted()
    {
        var function = new RecordingFunction(holdFirstBatch: true);
        var options = new MicroBatcherOptions { MaxBatchSize = 2, MaxWait = TimeSpan.Zero, SortWindowBatches = 4 };
        await using var batcher = function.Batcher(options, new ManualTimeProvider());
        var first = batcher.SubmitAsync(100);
        await function.FirstStarted.WaitAsync(Guard);

        int[] lengths = [50, 10, 40, 20, 30];
        var queued = lengths.Select(i => batcher.SubmitAsync(i)).ToArray();
        function.Release();
        var results = await Task.WhenAll(queued).WaitAsync(Guard);
        await first.WaitAsync(Guard);

        // Item = length: the backlog of five runs shortest first, in batches of two similar lengths.
        Assert.Equal([[100], [10, 20], [30, 40], [50]], function.Batches.ToArray());
        Assert.Equal(lengths.Select(i => $"r{i}"), results);
    }

    [Fact]
    public async Task SubmitAsync_Should_FailOnlyThatBatchsCallers_When_TheBatchFunctionThrows()
    {
        var function = new RecordingFunction(holdFirstBatch: true);
        function.Poison.Add(7);
        var options = new MicroBatcherOptions { MaxBatchSize = 2, MaxWait = TimeSpan.Zero, SortWindowBatches = 1 };
        await using var batcher = function.Batcher(options, new ManualTimeProvider());
        var first = batcher.SubmitAsync(1);
        await function.FirstStarted.WaitAsync(Guard);
        var poisoned = new[] { batcher.SubmitAsync(7), batcher.SubmitAsync(8) };
        var healthy = new[] { batcher.SubmitAsync(9), batcher.SubmitAsync(10) };

        function.Release();

        Assert.Equal("r1", await first.WaitAsync(Guard));
        foreach (var task in poisoned)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Guard));
            Assert.Equal("poisoned batch [7,8]", error.Message);
        }

        Assert.Equal(["r9", "r10"], await Task.WhenAll(healthy).WaitAsync(Guard));
    }

    [Fact]
    public async Task SubmitAsync_Should_FailTheBatch_When_TheFunctionReturnsTheWrongCount()
    {
        await using var batcher = new MicroBatcher<int, int>(
            (items, _) => Task.FromResult<IReadOnlyList<int>>([1]),
            static _ => 1,
            new MicroBatcherOptions { MaxBatchSize = 2, MaxWait = TimeSpan.FromHours(1) },
            new ManualTimeProvider());

        var tasks = new[] { batcher.SubmitAsync(1), batcher.SubmitAsync(2) };

        foreach (var task in tasks)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Guard));
            Assert.Contains("returned 1 results for 2 items", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 1, 1, "MaxBatchSize is 0")]
    [InlineData(1, 0, 1, "QueueCapacity is 0")]
    [InlineData(1, 1, 0, "SortWindowBatches is 0")]
    public void Constructor_Should_RejectOptions_When_OutOfRange(
        int maxBatch,
        int capacity,
        int window,
        string expected)
    {
        var options = new MicroBatcherOptions
        {
            MaxBatchSize = maxBatch,
            QueueCapacity = capacity,
            SortWindowBatches = window,
        };

        var error = Assert.Throws<ArgumentException>(() => new RecordingFunction().Batcher(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
