// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>Searches run safely while inserts, replacements and deletes proceed.</summary>
public class HnswConcurrencyTests
{
    [Fact]
    public async Task Search_Should_KeepInvariants_When_InsertsAndDeletesRunConcurrently()
    {
        var rng = new Random(43);
        const int Dimension = 16;
        using var collection = HnswFixtures.Collection(DistanceMetric.Euclid, Dimension, threads: 2);
        var (extra, queries) = HnswFixtures.Split(HnswFixtures.Clustered(rng, 40_064, Dimension), 40_000);
        HnswFixtures.Load(collection, HnswFixtures.Points(extra[..1_000]));
        var budget = Stopwatch.StartNew();
        var stop = 0;
        var deletedBelow = 0;
        var errors = new List<Exception>();

        // The writer appends batches and deletes every fifth id it wrote, for at most 2 s.
        var writer = Task.Run(() =>
        {
            var next = 1_000;
            while (budget.Elapsed < TimeSpan.FromSeconds(2) && next + 500 <= extra.Length)
            {
                collection.Upsert(HnswFixtures.Points(extra[next..(next + 500)], next));
                collection.Delete(Enumerable.Range(next, 500).Where(i => i % 5 == 0)
                    .Select(i => PointId.FromNumber((ulong)i)).ToArray());
                next += 500;
                Volatile.Write(ref deletedBelow, next);
            }

            Volatile.Write(ref stop, 1);
        });

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var i = r;
            while (Volatile.Read(ref stop) == 0)
            {
                try
                {
                    // Ids below the watermark that are multiples of 5 were deleted before this search began.
                    var watermark = Volatile.Read(ref deletedBelow);
                    var hits = collection.Search([queries[i++ % queries.Length]], 10)[0];

                    // At least the 1,000 initial points are live throughout, so every search finds 10.
                    Assert.Equal(10, hits.Count);
                    Assert.Equal(10, hits.Select(h => h.Id).Distinct().Count());
                    Assert.DoesNotContain(
                        hits, h => h.Id.Number >= 1_000 && h.Id.Number % 5 == 0 && h.Id.Number < (ulong)watermark);
                }
                catch (Exception e)
                {
                    lock (errors)
                    {
                        errors.Add(e);
                    }

                    return;
                }
            }
        })).ToArray();

        await writer;
        await Task.WhenAll(readers);
        Assert.Empty(errors);
        // Built under load with deletes interleaved: still a working graph (fresh graphs reach ~0.99 here).
        Assert.True(HnswFixtures.Recall(collection, queries, 10) >= 0.9);
    }
}
