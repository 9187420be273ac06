// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Tests.Durability;

/// <summary>What the log and the store count for metrics: records, bytes, segments, fsyncs, snapshots, recovery.</summary>
public class StoreStatisticsTests
{
    [Fact]
    public async Task Wal_Should_CountRecordsBytesAndReportEachFsync_When_WritesAreDurable()
    {
        var syncs = new ConcurrentQueue<(TimeSpan Duration, long Records)>();
        using var fixture = new StoreFixture(new WalOptions { SyncObserved = (d, r) => syncs.Enqueue((d, r)) });
        using var log = WriteAheadLog.Open(fixture.WalDir, 1, [], fixture.Wal);
        var always = new DurabilityOptions(FsyncMode.Always, 100);
        var bytes = 0L;
        for (var i = 0; i < 5; i++)
        {
            var record = WalRecordCodec.EncodeDelete("c", [PointId.FromNumber((ulong)i)]);
            bytes += record.Length;
            await log.WaitDurableAsync(log.Append(record), always);
        }

        Assert.Equal(5, log.RecordsWritten);
        Assert.Equal(bytes, log.BytesWritten);
        Assert.Equal(1, log.SegmentCount);

        // Each awaited write needed an fsync of its own; the observer saw every one, covering all 5 records.
        Assert.Equal(log.SyncCount, syncs.Count);
        Assert.Equal(5, syncs.Sum(s => s.Records));
        Assert.All(syncs, s => Assert.True(s.Duration >= TimeSpan.Zero && s.Records >= 1));
    }

    [Fact]
    public void Wal_Should_CountSegments_When_ItRollsOver()
    {
        using var fixture = new StoreFixture();

        // Segments of 1 KiB: each ~1.1 KB record starts a new one.
        using var log = WriteAheadLog.Open(fixture.WalDir, 1, [], new WalOptions { SegmentBytes = 1024 });
        var point = new PointStruct(PointId.FromNumber(1), new float[256]);
        for (var i = 0; i < 3; i++)
        {
            log.Append(WalRecordCodec.EncodeUpsert("c", 256, [point]));
        }

        Assert.Equal(3, log.SegmentCount);
        Assert.Equal(fixture.SegmentFiles().Length, log.SegmentCount);
    }

    [Fact]
    public async Task Store_Should_RememberTheLastSnapshotAndRecovery_When_TheyHappen()
    {
        using var fixture = new StoreFixture();
        using (var store = fixture.Open())
        {
            Assert.NotNull(store.LastRecovery);
            Assert.Null(store.LastSnapshot);
            Assert.Equal(0, store.SnapshotsWritten);
            var collection = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("s"));
            await collection.UpsertDurableAsync([new PointStruct(PointId.FromNumber(1), new float[] { 1, 2, 3, 4 })]);

            var written = store.CreateSnapshot("s");

            var last = store.LastSnapshot;
            Assert.NotNull(last);
            Assert.Equal(written, last.Snapshot);
            Assert.Equal(collection.LastLsn, last.Snapshot.Lsn);
            Assert.True(last.Duration > TimeSpan.Zero, "writing a file takes time");
            Assert.Equal(1, store.SnapshotsWritten);
        }

        using var reopened = fixture.Open();
        var report = reopened.LastRecovery;
        Assert.NotNull(report);
        Assert.Equal(1, report.Collections);
        Assert.Equal(1, report.Points);
        Assert.Equal(1, report.Snapshots);
    }
}
