// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Tests.Durability;

/// <summary>
/// Durable upserts from many writers go through the collection's write queue: each batch is logged and
/// applied whole, in LSN order, and a batch refused inside a shared drain fails alone.
/// </summary>
public class WriteQueueTests
{
    private const int Writers = 16;
    private const int BatchesPerWriter = 8;
    private const int PointsPerBatch = 20;

    [Theory]
    [InlineData(FsyncMode.Always)]
    [InlineData(FsyncMode.Interval)]
    public async Task UpsertDurable_Should_LogAndApplyEveryBatch_When_ManyWritersShareOneCollection(FsyncMode mode)
    {
        using var fixture = new StoreFixture();
        Dictionary<PointId, string> before;
        using (var store = fixture.Open())
        {
            var collection = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("q", mode: mode));
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var b = 0; b < BatchesPerWriter; b++)
                {
                    // Writers overlap on half their ids, so later batches replace points of other writers.
                    var first = (ulong)((((w / 2) * BatchesPerWriter) + b) * PointsPerBatch);
                    var points = Enumerable.Range(0, PointsPerBatch)
                        .Select(i => new PointStruct(PointId.FromNumber(first + (ulong)i), new float[] { w, b, i, 1 }))
                        .ToArray();
                    Assert.Equal(PointsPerBatch, await collection.UpsertDurableAsync(points));
                }
            }));
            await Task.WhenAll(writers);

            // One create record, then one record per batch, with no gap.
            Assert.Equal(1 + (Writers * BatchesPerWriter), store.Wal.LastLsn);
            Assert.Equal(store.Wal.LastLsn, collection.LastLsn);
            Assert.Equal(Writers / 2 * BatchesPerWriter * PointsPerBatch, collection.Count());
            before = StoreFixture.State(collection);
        }

        // Replay applies the records in LSN order: the same last writer wins for every id.
        using var reopened = fixture.Open();
        Assert.Equal(before, StoreFixture.State(reopened.Database.GetCollection("q")));
    }

    [Fact]
    public async Task UpsertDurable_Should_FailOnlyTheRefusedBatches_When_QueuedBatchesDisagreeOnAFieldType()
    {
        using var fixture = new StoreFixture();
        using var store = fixture.Open();
        var collection = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("types"));

        // Even writers send "f" as an integer, odd ones as a string: whichever batch is applied first fixes
        // the type, and every batch of the other type is refused (alone) however the queue grouped them.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers * 4).Select(w => Task.Run(async () =>
        {
            var value = w % 2 == 0 ? PayloadValue.FromInteger(w) : PayloadValue.FromString($"s{w}");
            var point = new PointStruct(PointId.FromNumber((ulong)w), new float[] { w, 0, 0, 0 }, new Dictionary<string, PayloadValue> { ["f"] = value });
            try
            {
                await collection.UpsertDurableAsync([point]);
                return (Writer: w, Stored: true);
            }
            catch (EngineException e) when (e.Kind == EngineErrorKind.InvalidArgument)
            {
                return (Writer: w, Stored: false);
            }
        })));

        var stored = outcomes.Where(o => o.Stored).Select(o => o.Writer).ToArray();
        Assert.NotEmpty(stored);
        var parity = stored[0] % 2;
        Assert.All(outcomes, o => Assert.Equal(o.Writer % 2 == parity, o.Stored));
        Assert.Equal(stored.Length, collection.Count());

        // Only stored batches were logged: the create record plus one per stored batch.
        Assert.Equal(1 + stored.Length, store.Wal.LastLsn);
    }

    [Fact]
    public async Task UpsertDurable_Should_FailWithNotFound_When_TheCollectionWasDeleted()
    {
        using var fixture = new StoreFixture();
        using var store = fixture.Open();
        var collection = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("gone"));
        await store.DeleteCollectionAsync("gone");

        var error = await Assert.ThrowsAsync<EngineException>(
            () => collection.UpsertDurableAsync([new PointStruct(PointId.FromNumber(1), new float[] { 1, 2, 3, 4 })]));
        Assert.Equal(EngineErrorKind.NotFound, error.Kind);
    }
}
