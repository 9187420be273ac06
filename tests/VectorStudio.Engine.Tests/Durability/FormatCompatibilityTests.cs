// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Snapshots;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;
using VectorStudio.Tests;

namespace VectorStudio.Engine.Tests.Durability;

/// <summary>Format version 1 files (Fixtures/format-v1) still load; version 2 keeps the embedder binding.</summary>
public class FormatCompatibilityTests
{
    private static readonly string V1Dir = Path.Combine(
        RepoPaths.Root, "tests", "VectorStudio.Engine.Tests", "Fixtures", "format-v1");

    [Fact]
    public async Task Recover_Should_LoadEveryCollectionAndPoint_When_TheFilesAreFormatVersion1()
    {
        using var fixture = new StoreFixture();
        CopyDirectory(V1Dir, fixture.DataDir);
        var segment = fixture.SegmentFiles().Single();
        var snapshot = Directory.GetFiles(Path.Combine(fixture.DataDir, "snapshots", "snapped")).Single();
        // The fixture really is version 1: the u32 at byte 8 of both headers.
        Assert.Equal(1u, BitConverter.ToUInt32(await File.ReadAllBytesAsync(segment), 8));
        Assert.Equal(1u, BitConverter.ToUInt32(await File.ReadAllBytesAsync(snapshot), 8));

        using (var store = fixture.Open())
        {
            var snapped = store.Database.GetCollection("snapped");
            Assert.Equal(
                new CollectionConfig(
                    "snapped", 3, DistanceMetric.Cosine, new IndexOptions { Kind = IndexKind.Flat }.WithDefaults(),
                    new DurabilityOptions(FsyncMode.Always, 5)),
                snapped.Config);
            var state = StoreFixture.State(snapped);
            Assert.Equal("1,0,0|text=\"one\"", state[PointId.FromNumber(1)]);
            Assert.Equal("0,1,0|", state[PointId.FromString("two")]);
            Assert.Equal("0,0,1|", state[PointId.FromNumber(3)]);
            var logged = store.Database.GetCollection("logged");
            Assert.Equal(IndexKind.Hnsw, logged.Config.Index!.Kind);
            Assert.Equal(new DurabilityOptions(FsyncMode.Interval, 50), logged.Config.Durability);
            Assert.Null(logged.Config.Embedder);
            Assert.Equal("0.5,-2|", StoreFixture.State(logged)[PointId.FromNumber(7)]);
            Assert.Contains("from 1 snapshots", fixture.Log, StringComparison.Ordinal);

            // New records go to a new segment of the current version, next to the old one.
            await logged.UpsertDurableAsync([new PointStruct(PointId.FromNumber(8), new float[] { 1, 1 })]);
            store.CreateSnapshot("snapped");
        }

        var newest = fixture.SegmentFiles()[^1];
        Assert.Equal(WalFormat.FormatVersion, BitConverter.ToUInt32(await File.ReadAllBytesAsync(newest), 8));
        using var reopened = fixture.Open();
        Assert.Equal(2, reopened.Database.GetCollection("logged").Count());
        Assert.Equal(3, reopened.Database.GetCollection("snapped").Count());
    }

    [Fact]
    public async Task Recover_Should_KeepTheEmbedderBinding_When_ReplayingTheLog()
    {
        using var fixture = new StoreFixture();
        var config = StoreFixture.Config("texts") with
        {
            Embedder = new EmbedderBinding("http://127.0.0.1:7070", "minilm", "body", StoreText: false),
        };
        using (var store = fixture.Open())
        {
            await store.Database.CreateCollectionDurableAsync(config);
        }

        using var reopened = fixture.Open();
        Assert.Equal(config.Embedder, reopened.Database.GetCollection("texts").Config.Embedder);
    }

    [Fact]
    public async Task Recover_Should_KeepTheEmbedderBinding_When_LoadingASnapshot()
    {
        using var fixture = new StoreFixture();
        var config = StoreFixture.Config("texts") with { Embedder = new EmbedderBinding("http://embedder:7070") };
        using (var store = fixture.Open())
        {
            var texts = await store.Database.CreateCollectionDurableAsync(config);
            await texts.UpsertDurableAsync([new PointStruct(PointId.FromNumber(1), new float[] { 1, 2, 3, 4 })]);
            store.CreateSnapshot("texts");
        }

        var snapshot = Directory.GetFiles(Path.Combine(fixture.DataDir, "snapshots", "texts")).Single();
        Assert.Equal(SnapshotFormat.FormatVersion, BitConverter.ToUInt32(await File.ReadAllBytesAsync(snapshot), 8));
        // Without the log the binding can only come from the snapshot.
        foreach (var segment in fixture.SegmentFiles())
        {
            File.Delete(segment);
        }

        using var reopened = fixture.Open();
        var restored = reopened.Database.GetCollection("texts");
        Assert.Equal(new EmbedderBinding("http://embedder:7070", string.Empty, "text", StoreText: true), restored.Config.Embedder);
        Assert.Equal(1, restored.Count());
    }

    [Fact]
    public void ReadConfig_Should_Refuse_When_AnExtensionIsUnknownOrCut()
    {
        var w = new ByteWriter();
        WalRecordCodec.WriteConfig(w, StoreFixture.Config("c"));
        var plain = w.WrittenSpan.ToArray();
        byte[] unknown = [.. plain, 9, 0, 0];
        byte[] cut = [.. plain, ConfigExtensions.EmbedderTag, 40, 0, 1];

        var e1 = Assert.Throws<InvalidDataException>(() => Read(unknown));
        Assert.Contains("unknown configuration extension 9", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<InvalidDataException>(() => Read(cut));
        Assert.Contains("runs past", e2.Message, StringComparison.Ordinal);
        Assert.Null(Read(plain).Embedder);
    }

    [Fact]
    public void WriteConfig_Should_WriteTheVersion1Bytes_When_ThereIsNoEmbedder()
    {
        var plain = new ByteWriter();
        WalRecordCodec.WriteConfig(plain, StoreFixture.Config("c"));
        var bound = new ByteWriter();
        WalRecordCodec.WriteConfig(bound, StoreFixture.Config("c") with { Embedder = new EmbedderBinding("http://e:1") });

        // 18 bytes: the fixed version 1 configuration (docs/storage.md, "Record", create).
        Assert.Equal(18, plain.Length);
        Assert.Equal(plain.WrittenSpan.ToArray(), bound.WrittenSpan[..18].ToArray());
        Assert.Equal(ConfigExtensions.EmbedderTag, bound.WrittenSpan[18]);
    }

    [Fact]
    public void Validate_Should_NameTheSetting_When_TheBindingIsBad()
    {
        var noField = StoreFixture.Config("c") with { Embedder = new EmbedderBinding("http://e:1", TextField: "") };
        var noEndpoint = StoreFixture.Config("c") with { Embedder = new EmbedderBinding(string.Empty) };

        Assert.Contains("embedder text field", Assert.Throws<Errors.EngineException>(noField.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("embedder endpoint", Assert.Throws<Errors.EngineException>(noEndpoint.Validate).Message, StringComparison.Ordinal);
    }

    private static CollectionConfig Read(byte[] bytes)
    {
        var r = new ByteReader(bytes);
        return WalRecordCodec.ReadConfig(ref r, "c");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".md", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
