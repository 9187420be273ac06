// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Filtering;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Tests.Fixtures;

namespace VectorStudio.Engine.Tests.Collections;

public class ConcurrencyTests
{
    /// <summary>
    /// Writers upsert and delete while readers search for a bounded time (1.5 s: long enough for
    /// thousands of interleavings on two cores, short enough for the suite). Every answer must
    /// respect k and the filter, never return a point that is not live at some moment, and no call
    /// may throw. Dedicated threads: the scan's own parallel loop uses the pool.
    /// </summary>
    [Fact]
    public async Task Search_Should_KeepInvariants_When_UpsertsAndDeletesRunConcurrently()
    {
        const int Dimension = 16;
        using var collection = Samples.Collection(DistanceMetric.Cosine, Dimension, new EngineOptions { SearchThreads = 2, ParallelScanMinFloats = 4096 });
        collection.Upsert(Samples.Points(new Random(1), 2000, Dimension));
        var filter = Filter.WithMust(Condition.MatchKeyword("color", "red"));
        var budget = Stopwatch.StartNew();
        var searches = 0;
        var writes = 0;

        var writer = Task.Factory.StartNew(
            () =>
        {
            var rng = new Random(2);
            var next = 10_000;
            while (budget.ElapsedMilliseconds < 1500)
            {
                collection.Upsert(Samples.Points(rng, 50, Dimension, firstId: next));
                next += 50;
                collection.Delete(Enumerable.Range(0, 40).Select(_ => Samples.Id(rng.Next(next))).ToArray());
                Interlocked.Increment(ref writes);
            }
        },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var readers = Enumerable.Range(0, 2).Select(r => Task.Factory.StartNew(
            () =>
        {
            var rng = new Random(10 + r);
            while (budget.ElapsedMilliseconds < 1500)
            {
                var k = rng.Next(1, 50);
                var results = collection.Search(Samples.Queries(rng, rng.Next(1, 10), Dimension), k, filter, withPayload: true);
                foreach (var hits in results)
                {
                    Assert.True(hits.Count <= k);
                    Assert.All(hits, h => Assert.True(FilterEvaluator.Matches(filter, h.Id, h.Payload)));
                    for (var i = 1; i < hits.Count; i++)
                    {
                        Assert.True(hits[i - 1].Score >= hits[i].Score);
                    }
                }

                Interlocked.Increment(ref searches);
            }
        },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        await Task.WhenAll([writer, .. readers]);
        Assert.True(searches > 0 && writes > 0, $"{searches} searches, {writes} write rounds");
        var count = collection.Count();

        // Paged: a fast writer takes the collection past one page's limit (10,000) within the time budget.
        var scrolled = 0;
        PointId? after = null;
        do
        {
            var page = collection.Scroll(null, after, 10_000, false, false);
            scrolled += page.Points.Count;
            after = page.NextAfter;
        }
        while (after is not null);

        Assert.Equal(count, scrolled);
    }

    [Fact]
    public void Search_Should_ThrowCancelled_When_TokenIsCancelled()
    {
        using var collection = Samples.Collection(DistanceMetric.Dot, 4);
        collection.Upsert(Samples.Points(new Random(1), 100, 4));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var e = Assert.Throws<Errors.EngineException>(() => collection.Search(Samples.Queries(new Random(2), 1, 4), 5, cancellationToken: cts.Token));
        Assert.Equal(Errors.EngineErrorKind.Cancelled, e.Kind);
    }
}
