// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Tests;

namespace VectorStudio.ShardNode.Tests;

/// <summary>The real node keeps what it acknowledged: kill -9 and restart, corrupt logs, snapshots through vsctl.</summary>
public sealed class DurabilityIntegrationTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("vs-durable-node-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Restart_Should_KeepEveryAcknowledgedChange_When_TheNodeWasKilled()
    {
        await using (var node = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false))
        {
            await node.Collections.CreateAsync(new CreateCollectionRequest { Name = "always", Dimension = 4, Distance = Distance.Euclid });
            await node.Collections.CreateAsync(new CreateCollectionRequest
            {
                Name = "interval",
                Dimension = 4,
                Distance = Distance.Dot,
                Durability = new Durability { Fsync = FsyncMode.Interval, IntervalMs = 50 },
            });
            await node.Collections.CreateAsync(new CreateCollectionRequest { Name = "dropped", Dimension = 4, Distance = Distance.Dot });
            await node.Points.UpsertAsync(TestData.Upsert("always", TestData.Points(300, 4)));
            await node.Points.UpsertAsync(TestData.Upsert("interval", TestData.Points(120, 4, seed: 2)));
            await node.Points.DeleteAsync(new DeletePointsRequest { Collection = "always", Ids = new PointIdList { Ids = { Id(0), Id(1), Id(2) } } });
            await node.Points.DeleteAsync(new DeletePointsRequest
            {
                Collection = "always",
                Filter = new Filter { Must = { TestData.Keyword("color", "red") } },
            });
            await node.Collections.DeleteAsync("dropped");
            await node.KillAsync();
        }

        await using var restarted = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false);
        var names = (await restarted.Collections.ListAsync()).Collections.Select(c => c.Name);
        Assert.Equal(["always", "interval"], names);
        // 300 points, ids 0..2 deleted, then every fifth id (color red: id % 5 == 0) among the rest.
        var expected = Enumerable.Range(0, 300).Count(i => i > 2 && i % 5 != 0);
        Assert.Equal((ulong)expected, (await restarted.Points.CountAsync(new CountPointsRequest { Collection = "always" })).Count);
        Assert.Equal(120UL, (await restarted.Points.CountAsync(new CountPointsRequest { Collection = "interval" })).Count);
        var info = await restarted.Collections.GetAsync("interval");
        Assert.Equal(FsyncMode.Interval, info.Durability.Fsync);
        Assert.Equal(50U, info.Durability.IntervalMs);
        Assert.Contains("recovery: 2 collections", restarted.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_RefuseNamingFileAndOffset_When_ARecordInTheMiddleIsCorrupt()
    {
        await using (var node = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false))
        {
            await node.Collections.CreateAsync(new CreateCollectionRequest { Name = "c", Dimension = 4, Distance = Distance.Dot });
            for (var i = 0; i < 3; i++)
            {
                await node.Points.UpsertAsync(TestData.Upsert("c", TestData.Points(10, 4, seed: i, firstId: (ulong)(i * 10))));
            }

            await node.KillAsync();
        }

        var segment = Directory.GetFiles(Path.Combine(_dataDir, "wal"), "*.wal").Order(StringComparer.Ordinal).Last();
        var bytes = await File.ReadAllBytesAsync(segment);
        // Header (32) + create record, then the first upsert: flip a bit inside it, two valid records follow.
        var firstUpsert = 32 + 8 + BitConverter.ToInt32(bytes, 32);
        bytes[firstUpsert + 50] ^= 0x01;
        await File.WriteAllBytesAsync(segment, bytes);

        var refused = await NodeProcess.RunToExitAsync(["--data-dir", _dataDir, "--grpc-port", "0", "--http-port", "0"]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(segment, refused.Output, StringComparison.Ordinal);
        Assert.Contains($"byte offset {firstUpsert}", refused.Output, StringComparison.Ordinal);
        Assert.Contains("--repair", refused.Output, StringComparison.Ordinal);

        await using var repaired = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false, "--repair");
        Assert.Equal(0UL, (await repaired.Points.CountAsync(new CountPointsRequest { Collection = "c" })).Count);
        Assert.Contains("--repair truncated", repaired.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vsctl_Should_BackUpAndRestoreACollection_When_SnapshotCommandsRun()
    {
        await using var node = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false);
        await node.Collections.CreateAsync(new CreateCollectionRequest { Name = "src", Dimension = 8, Distance = Distance.Cosine, Index = new IndexParams { Kind = IndexKind.Hnsw } });
        await node.Points.UpsertAsync(TestData.Upsert("src", TestData.Points(500, 8)));
        var backup = Path.Combine(_dataDir, "src.snap");

        var create = await VsctlAsync(node, "snapshot", "create", "src");
        var list = await VsctlAsync(node, "--json", "snapshot", "list");
        var download = await VsctlAsync(node, "snapshot", "download", "src", backup);
        var restore = await VsctlAsync(node, "snapshot", "restore", backup, "--collection", "copy");
        var again = await VsctlAsync(node, "snapshot", "restore", backup, "--collection", "copy");

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("\"collection\":\"src\"", list.Output.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, download.ExitCode);
        Assert.True(File.Exists(backup));
        Assert.Equal(0, restore.ExitCode);
        Assert.Contains("restored collection copy (500 points)", restore.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("AlreadyExists", again.Error, StringComparison.Ordinal);
        var query = TestData.Points(1, 8, seed: 9)[0].Vector;
        var a = await node.Points.SearchAsync(TestData.Search("src", query, 5));
        var b = await node.Points.SearchAsync(TestData.Search("copy", query, 5));
        Assert.Equal(a.Results[0].Points.Select(p => p.Id.Num), b.Results[0].Points.Select(p => p.Id.Num));
    }

    [Fact]
    public async Task Restore_Should_RefuseAndStoreNothing_When_TheUploadIsCorruptOrTheSnapshotUnknown()
    {
        await using var node = await NodeProcess.StartInAsync(_dataDir, ownsDataDir: false);
        await node.Collections.CreateAsync(new CreateCollectionRequest { Name = "src", Dimension = 4, Distance = Distance.Dot });
        await node.Points.UpsertAsync(TestData.Upsert("src", TestData.Points(50, 4)));
        var backup = Path.Combine(_dataDir, "src.snap");
        await VsctlAsync(node, "snapshot", "create", "src");
        await VsctlAsync(node, "snapshot", "download", "src", backup);
        var bytes = await File.ReadAllBytesAsync(backup);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(backup, bytes);

        var corrupt = await VsctlAsync(node, "snapshot", "restore", backup, "--collection", "src", "--replace");
        var unknown = await VsctlAsync(node, "snapshot", "download", "src", backup + ".2", "--name", "00000000000000000042");
        var missing = await VsctlAsync(node, "snapshot", "create", "nope");

        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("InvalidArgument", corrupt.Error, StringComparison.Ordinal);
        Assert.Contains("CRC32C", corrupt.Error, StringComparison.Ordinal);
        Assert.Equal(50UL, (await node.Points.CountAsync(new CountPointsRequest { Collection = "src" })).Count);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("NotFound", unknown.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(backup + ".2"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("NotFound", missing.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDir, "uploads")));
    }

    private static PointId Id(ulong n) => new() { Num = n };

    private static Task<(int ExitCode, string Output, string Error)> VsctlAsync(NodeProcess node, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "vsctl.dll"), "--addr", node.GrpcAddress, .. args], TimeSpan.FromSeconds(60));
}
