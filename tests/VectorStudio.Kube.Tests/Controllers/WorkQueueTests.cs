// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Controllers;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Controllers;

/// <summary>De-duplication, one-at-a-time per key, delays and rate limiting, on a fake clock.</summary>
public sealed class WorkQueueTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Add_Should_QueueAKeyOnce_When_AddedRepeatedly()
    {
        using var queue = new WorkQueue();

        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.GetAsync(Ct));
        Assert.Equal("b", await queue.GetAsync(Ct));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_Should_HoldTheKeyUntilDone_When_KeyIsBeingProcessed()
    {
        using var queue = new WorkQueue();
        queue.Add("a");
        var key = await queue.GetAsync(Ct);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count); // not handed out while "a" is processing

        queue.Done(key!);
        Assert.Equal(1, queue.Count); // processed again after, once
        Assert.Equal("a", await queue.GetAsync(Ct));
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_Should_DelayExponentially_When_KeyFailsRepeatedly()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue(time, baseDelay: TimeSpan.FromMilliseconds(100), maxDelay: TimeSpan.FromMilliseconds(350));

        foreach (var expected in new[] { 100, 200, 350, 350 })
        {
            queue.AddRateLimited("a");
            time.Advance(TimeSpan.FromMilliseconds(expected - 1));
            Assert.Equal(0, queue.Count);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, queue.Count);
            queue.Done((await queue.GetAsync(Ct))!);
        }

        Assert.Equal(4, queue.Requeues("a"));
        queue.Forget("a");
        Assert.Equal(0, queue.Requeues("a"));
        queue.AddRateLimited("a");
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, queue.Count); // back to the base delay
    }

    [Fact]
    public void AddAfter_Should_KeepTheEarliest_When_KeyIsDelayedTwice()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue(time);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(2));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, queue.Count);
        Assert.Equal(0, time.PendingTimers); // the later adds were dropped, not left to fire again
    }

    [Fact]
    public async Task ShutDown_Should_DrainThenReturnNull_When_KeysRemain()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue(time);
        queue.Add("a");
        queue.AddAfter("b", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        queue.Add("c");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("a", await queue.GetAsync(Ct));
        Assert.Null(await queue.GetAsync(Ct));
        Assert.True(queue.IsShutDown);
    }

    [Fact]
    public async Task Workers_Should_NeverProcessOneKeyConcurrently_When_KeysAreAddedWhileProcessing()
    {
        // 4 workers, 8 keys, 2000 adds racing with processing. Each key counts how many workers are
        // inside it; more than one at any moment is the bug this queue exists to prevent.
        using var queue = new WorkQueue();
        var inside = new int[8];
        var violations = 0;
        var processed = new int[8];
        var lastAddSeen = new int[8];
        var adds = new int[8];
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken ct)
        {
            var k = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            if (Interlocked.Increment(ref inside[k]) > 1)
            {
                Interlocked.Increment(ref violations);
            }

            Volatile.Write(ref lastAddSeen[k], Volatile.Read(ref adds[k]));
            await Task.Yield();
            Interlocked.Increment(ref processed[k]);
            Interlocked.Decrement(ref inside[k]);
            return null;
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => WorkQueueWorker.RunAsync(queue, ReconcileAsync, ct: cts.Token))).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                var k = (i + t) % 8;
                Interlocked.Increment(ref adds[k]);
                queue.Add(k.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (i % 50 == 0)
                {
                    await Task.Yield();
                }
            }
        })));

        // Every key must be processed after its last add (nothing lost).
        await Eventually.TrueAsync(() => Enumerable.Range(0, 8).All(k => Volatile.Read(ref lastAddSeen[k]) == adds[k]) && queue.Count == 0,
            "every key processed after its last add");
        queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(Eventually.Timeout);

        Assert.Equal(0, violations);
        Assert.All(processed, p => Assert.True(p >= 1));
        Assert.True(processed.Sum() < adds.Sum(), "de-duplication merged some adds"); // 2000 adds, far fewer runs
    }

    [Fact]
    public async Task Worker_Should_RequeueWithBackoff_When_ReconcileThrows()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue(time, baseDelay: TimeSpan.FromSeconds(1));
        var attempts = 0;
        using var cts = new CancellationTokenSource(Eventually.Timeout);
        var worker = WorkQueueWorker.RunAsync(queue, (_, _) =>
            ++attempts < 3 ? throw new InvalidOperationException("boom") : Task.FromResult<TimeSpan?>(null), ct: cts.Token);

        queue.Add("a");
        await Eventually.TrueAsync(() => attempts == 1 && time.PendingTimers == 1, "first failure requeued with a delay");
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => attempts == 2 && time.PendingTimers == 1, "second failure requeued");
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, attempts); // the second delay is 2 s
        time.Advance(TimeSpan.FromSeconds(0.5));
        await Eventually.TrueAsync(() => attempts == 3, "third attempt succeeds");
        await Eventually.TrueAsync(() => queue.Requeues("a") == 0, "success forgets the failures");
        queue.ShutDown();
        await worker.WaitAsync(Eventually.Timeout);
    }
}
