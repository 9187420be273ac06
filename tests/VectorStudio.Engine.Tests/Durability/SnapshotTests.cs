// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Durability;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;
#if DEBUG
using VectorStudio.Engine.Testing;
#endif
using VectorStudio.Engine.Tests.Fixtures;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Tests.Durability;

/// <summary>Snapshots: recovery from snapshot plus log, interrupted snapshots, log truncation, restore.</summary>
public class SnapshotTests
{
    [Fact]
    public async Task Recover_Should_CombineSnapshotAndLaterLog_When_ASnapshotWasTaken()
    {
        using var fixture = new StoreFixture();
        var rng = new Random(4);
        Dictionary<PointId, string> expected;
        using (var store = fixture.Open())
        {
            var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a"));
            await a.UpsertDurableAsync(Samples.Points(rng, 40, 4));
            await a.DeleteDurableAsync([Samples.Id(3)]);
            store.CreateSnapshot("a");
            await a.UpsertDurableAsync(Samples.Points(rng, 10, 4, firstId: 35));
            await a.DeleteDurableAsync([Samples.Id(5), Samples.Id(36)]);
            expected = StoreFixture.State(a);
        }

        using var reopened = fixture.Open();
        Assert.Equal(expected, StoreFixture.State(reopened.Database.GetCollection("a")));
        Assert.Contains("from 1 snapshots", fixture.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_Should_KeepTheHnswGraphAndSlots_When_TheSnapshotHasHoles()
    {
        using var fixture = new StoreFixture();
        var rng = new Random(5);
        var query = Samples.Vector(rng, 8);
        Dictionary<PointId, string> expected;
        IReadOnlyList<ScoredPoint> hits;
        using (var store = fixture.Open())
        {
            var h = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("h", 8, IndexKind.Hnsw));
            await h.UpsertDurableAsync(Samples.Points(rng, 300, 8));
            await h.DeleteDurableAsync([.. Enumerable.Range(0, 300).Where(i => i % 5 == 0).Select(Samples.Id)]);
            store.CreateSnapshot("h");
            expected = StoreFixture.State(h);
            hits = h.Search([query], 10)[0];
        }

        using var reopened = fixture.Open();
        var restored = reopened.Database.GetCollection("h");
        Assert.Equal(expected, StoreFixture.State(restored));
        Assert.Equal(hits.Select(p => p.Id), restored.Search([query], 10)[0].Select(p => p.Id));
        // Writes after recovery reuse the freed slots and stay searchable.
        await restored.UpsertDurableAsync(Samples.Points(rng, 20, 8, firstId: 1000));
        Assert.Equal(expected.Count + 20, restored.Count());
    }

    public static TheoryData<string> Steps => [.. DurableStore.SnapshotSteps];

#if DEBUG
    // Fault injection points exist in DEBUG builds only (FaultInjection is [Conditional("DEBUG")]).
    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Recover_Should_YieldTheAcknowledgedState_When_ASnapshotIsInterruptedAtAnyStep(string step)
    {
        using var fixture = new StoreFixture();
        var rng = new Random(6);
        Dictionary<PointId, string> expected;
        using (var store = fixture.Open())
        {
            var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a"));
            await a.UpsertDurableAsync(Samples.Points(rng, 30, 4));
            store.CreateSnapshot("a");
            await a.UpsertDurableAsync(Samples.Points(rng, 30, 4, firstId: 20));
            expected = StoreFixture.State(a);
            FaultInjection.Arm(step);
            Assert.Throws<InjectedFaultException>(() => store.CreateSnapshot("a"));
        }

        using var reopened = fixture.Open();
        Assert.Equal(expected, StoreFixture.State(reopened.Database.GetCollection("a")));
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.DataDir, "snapshots", "a"), "*.tmp"));
    }
#endif

    [Fact]
    public async Task Checkpoint_Should_DeleteCoveredSegments_When_RetentionIsZero()
    {
        using var fixture = new StoreFixture(new WalOptions { SegmentBytes = 2048 });
        var rng = new Random(7);
        Dictionary<PointId, string> expected;
        using (var store = fixture.Open())
        {
            var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a", 16));
            for (var i = 0; i < 10; i++)
            {
                await a.UpsertDurableAsync(Samples.Points(rng, 10, 16, firstId: i * 10));
            }

            var before = fixture.SegmentFiles().Length;
            store.Checkpoint();
            Assert.True(fixture.SegmentFiles().Length < before, $"{fixture.SegmentFiles().Length} segments left of {before}");
            await a.UpsertDurableAsync(Samples.Points(rng, 5, 16, firstId: 500));
            expected = StoreFixture.State(a);
        }

        using var reopened = fixture.Open();
        Assert.Equal(expected, StoreFixture.State(reopened.Database.GetCollection("a")));
    }

    [Fact]
    public async Task Restore_Should_CreateACopyUnderANewName_When_GivenADownloadedSnapshot()
    {
        using var fixture = new StoreFixture();
        var rng = new Random(8);
        using (var store = fixture.Open())
        {
            var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a"));
            await a.UpsertDurableAsync(Samples.Points(rng, 25, 4));
            var snapshot = store.CreateSnapshot("a");
            var copy = Path.Combine(fixture.DataDir, "backup.snap");
            File.Copy(snapshot.Path, copy);

            var e = await Assert.ThrowsAsync<EngineException>(() => store.RestoreAsync(copy, null, replace: false));
            Assert.Equal(EngineErrorKind.AlreadyExists, e.Kind);
            await store.RestoreAsync(copy, "b", replace: false);
            await a.UpsertDurableAsync(Samples.Points(rng, 5, 4, firstId: 100));
            Assert.Equal(25, store.Database.GetCollection("b").Count());
        }

        using var reopened = fixture.Open();
        Assert.Equal(30, reopened.Database.GetCollection("a").Count());
        Assert.Equal(25, reopened.Database.GetCollection("b").Count());
    }

    [Fact]
    public async Task Restore_Should_RefuseAndChangeNothing_When_TheFileIsCorrupt()
    {
        using var fixture = new StoreFixture();
        using var store = fixture.Open();
        var a = await store.Database.CreateCollectionDurableAsync(StoreFixture.Config("a"));
        await a.UpsertDurableAsync(Samples.Points(new Random(9), 25, 4));
        var copy = Path.Combine(fixture.DataDir, "bad.snap");
        File.Copy(store.CreateSnapshot("a").Path, copy);
        WalRecoveryTests.FlipBit(copy, 100);

        var e = await Assert.ThrowsAsync<EngineException>(() => store.RestoreAsync(copy, "a", replace: true));
        Assert.Equal(EngineErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("CRC32C", e.Message, StringComparison.Ordinal);
        Assert.Equal(25, store.Database.GetCollection("a").Count());
    }
}
