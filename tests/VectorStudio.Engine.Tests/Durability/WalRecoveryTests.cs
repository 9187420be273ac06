// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Tests.Fixtures;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Tests.Durability;

/// <summary>Recovery from real WAL files: replay, torn tails, bit flips, --repair.</summary>
public class WalRecoveryTests
{
    [Fact]
    public async Task Recover_Should_RebuildEveryAcknowledgedChange_When_TheLogIsIntact()
    {
        using var fixture = new StoreFixture();
        var rng = new Random(1);
        Dictionary<PointId, string> expected;
        using (var store = fixture.Open())
        {
            var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a"));
            await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("gone"));
            await a.UpsertDurableAsync(Samples.Points(rng, 50, 4));
            await a.UpsertDurableAsync(Samples.Points(rng, 10, 4, firstId: 45));
            await a.DeleteDurableAsync([Samples.Id(1), Samples.Id(2), PointId.FromNumber(999)]);
            await store.DeleteCollectionAsync("gone");
            expected = StoreFixture.State(a);
        }

        using var reopened = fixture.Open();
        Assert.Equal(["a"], reopened.Database.ListCollections().Select(c => c.Config.Name));
        Assert.Equal(expected, StoreFixture.State(reopened.Database.GetCollection("a")));
        Assert.Equal(FsyncMode.Always, reopened.Database.GetCollection("a").Durability.Mode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    public async Task Recover_Should_TruncateTheTornRecord_When_TheLastRecordIsCutShort(int bytesCut)
    {
        using var fixture = new StoreFixture();
        var (expected, fileLength) = await WriteThreeBatchesAsync(fixture);
        var segment = fixture.SegmentFiles()[^1];
        using (var file = File.OpenHandle(segment, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.SetLength(file, fileLength - bytesCut);
        }

        using var store = fixture.Open();
        // The third batch was torn: the first two are whole, nothing of the third is applied.
        Assert.Equal(expected, StoreFixture.State(store.Database.GetCollection("a")));
        Assert.Contains("truncated", fixture.Log, StringComparison.Ordinal);
        Assert.Contains(segment, fixture.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_Should_TruncateTheTail_When_TheLastRecordHasAFlippedBit()
    {
        using var fixture = new StoreFixture();
        var (expected, fileLength) = await WriteThreeBatchesAsync(fixture);
        FlipBit(fixture.SegmentFiles()[^1], fileLength - 5);
        using var store = fixture.Open();
        Assert.Equal(expected, StoreFixture.State(store.Database.GetCollection("a")));
        Assert.Matches(@"truncated \d+ bytes of a torn record", fixture.Log);
    }

    [Fact]
    public async Task Recover_Should_StopWithFileAndOffset_When_ARecordInTheMiddleIsCorrupt()
    {
        using var fixture = new StoreFixture();
        await WriteThreeBatchesAsync(fixture);
        var segment = fixture.SegmentFiles()[^1];
        var (offset, _) = RecordOffsets(segment)[2]; // the second upsert: the third follows it
        FlipBit(segment, offset + 40);
        var before = await File.ReadAllBytesAsync(segment);

        var e = Assert.Throws<EngineException>(() => fixture.Open());
        Assert.Equal(EngineErrorKind.Corrupted, e.Kind);
        Assert.Contains(segment, e.Message, StringComparison.Ordinal);
        Assert.Contains($"byte offset {offset}", e.Message, StringComparison.Ordinal);
        Assert.Contains("--repair", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(segment)); // refused, and touched nothing
    }

    [Fact]
    public async Task Recover_Should_TruncateAtTheCorruption_When_RepairIsSet()
    {
        using var fixture = new StoreFixture();
        await WriteThreeBatchesAsync(fixture);
        var segment = fixture.SegmentFiles()[^1];
        var offsets = RecordOffsets(segment);
        FlipBit(segment, offsets[2].Offset + 40); // the second upsert

        using var store = fixture.Open(repair: true);
        // Records before the corruption stay (create + first batch of 20); everything from it on is dropped.
        Assert.Equal(20, store.Database.GetCollection("a").Count());
        Assert.Contains($"--repair truncated {segment} at byte offset {offsets[2].Offset}", fixture.Log, StringComparison.Ordinal);
        Assert.Equal(offsets[2].Offset, new FileInfo(segment).Length);
    }

    [Fact]
    public async Task Recover_Should_ReadAcrossSegments_When_TheLogRolledOver()
    {
        using var fixture = new StoreFixture(new WalOptions { SegmentBytes = 4096 });
        var rng = new Random(3);
        Dictionary<PointId, string> expected;
        using (var store = fixture.Open())
        {
            var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a", dimension: 16));
            for (var i = 0; i < 20; i++)
            {
                await a.UpsertDurableAsync(Samples.Points(rng, 10, 16, firstId: i * 7));
            }

            expected = StoreFixture.State(a);
        }

        Assert.True(fixture.SegmentFiles().Length > 5, "segments of 4 KiB roll over many times");
        using var reopened = fixture.Open();
        Assert.Equal(expected, StoreFixture.State(reopened.Database.GetCollection("a")));
    }

    /// <summary>Create, then three batches of 20; returns the state after two batches and the file length.</summary>
    private static async Task<(Dictionary<PointId, string> AfterTwo, long Length)> WriteThreeBatchesAsync(StoreFixture fixture)
    {
        var rng = new Random(2);
        using var store = fixture.Open();
        var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a"));
        await a.UpsertDurableAsync(Samples.Points(rng, 20, 4));
        await a.UpsertDurableAsync(Samples.Points(rng, 20, 4, firstId: 10));
        var afterTwo = StoreFixture.State(a);
        await a.UpsertDurableAsync(Samples.Points(rng, 20, 4, firstId: 100));
        return (afterTwo, store.Wal.Segments()[^1].Bytes);
    }

    /// <summary>(offset, length) of every record in a segment, header skipped.</summary>
    internal static List<(long Offset, int Length)> RecordOffsets(string segment)
    {
        var bytes = File.ReadAllBytes(segment);
        var result = new List<(long, int)>();
        var offset = WalFormat.SegmentHeaderSize;
        while (offset < bytes.Length)
        {
            var length = BitConverter.ToInt32(bytes, offset) + WalFormat.RecordPrefixSize;
            result.Add((offset, length));
            offset += length;
        }

        return result;
    }

    internal static void FlipBit(string path, long offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x10;
        File.WriteAllBytes(path, bytes);
    }
}
