// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Tests.Durability;

/// <summary>The log writer: group commit, the interval deadline, and what reading it back gives.</summary>
public class WalWriterTests
{
    [Fact]
    public async Task WaitDurable_Should_ShareFsyncsAmongConcurrentWriters_When_ModeIsAlways()
    {
        using var fixture = new StoreFixture();
        using var log = WriteAheadLog.Open(fixture.WalDir, 1, []);
        const int Writers = 32;
        const int PerWriter = 20;
        var always = new DurabilityOptions(FsyncMode.Always, 100);
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var lsn = log.Append(WalRecordCodec.EncodeDelete("c", [PointId.FromNumber((ulong)((w * PerWriter) + i))]));
                await log.WaitDurableAsync(lsn, always);
                Assert.True(log.DurableLsn >= lsn, "a waiter completes only after an fsync covering its record");
            }
        }));
        await Task.WhenAll(writers);

        Assert.Equal(Writers * PerWriter, log.LastLsn);
        // One flusher serves 32 writers: each fsync covers every record written while the previous one ran,
        // so unless no writer ever queued behind an fsync, there are fewer fsyncs than records.
        Assert.InRange(log.SyncCount, 1, (Writers * PerWriter) - 1);
    }

    [Fact]
    public async Task WaitDurable_Should_ReturnAtOnceAndSyncWithinTheInterval_When_ModeIsInterval()
    {
        using var fixture = new StoreFixture();
        using var log = WriteAheadLog.Open(fixture.WalDir, 1, []);
        var lsn = log.Append(WalRecordCodec.EncodeDrop("c"));
        var wait = log.WaitDurableAsync(lsn, new DurabilityOptions(FsyncMode.Interval, 5));
        Assert.True(wait.IsCompleted, "an interval write is acknowledged once written");
        await wait;

        // The fsync is due 5 ms later; 30 s only bounds a machine that is very busy.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (log.DurableLsn < lsn)
        {
            await Task.Delay(5, timeout.Token);
        }

        Assert.Equal(lsn, log.DurableLsn);
    }

    [Fact]
    public void Read_Should_ReturnRecordsInLsnOrderWithTheirBodies_When_WrittenByTheLog()
    {
        using var fixture = new StoreFixture();
        using (var log = WriteAheadLog.Open(fixture.WalDir, 10, []))
        {
            log.Append(WalRecordCodec.EncodeUpsert("c", 2, [new PointStruct(PointId.FromString("x"), new float[] { 1, 2 })]));
            log.Append(WalRecordCodec.EncodeDelete("c", [PointId.FromNumber(7), PointId.FromString("x")]));
        }

        var records = new List<WalRecord>();
        var read = WalReader.Read(fixture.WalDir, repair: false, _ => { }, records.Add);

        Assert.Equal((10, 11, 2), (read.FirstLsn, read.LastLsn, read.Records));
        Assert.Equal([WalOp.Upsert, WalOp.Delete], records.Select(r => r.Op));
        Assert.Equal(PointId.FromString("x"), records[0].Points![0].Id);
        Assert.Equal([1f, 2f], records[0].Points![0].Vector.ToArray());
        Assert.Equal([PointId.FromNumber(7), PointId.FromString("x")], records[1].Ids);
        Assert.All(records, r => Assert.Equal(WalRecordCodec.DefaultTerm, r.Term));
    }
}
