// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Contracts.V1;
using VectorStudio.Metrics.Tests;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// The write-ahead log, snapshot and recovery series on /metrics of a real node of its own (so the values
/// move only by what the test does): present, and moving with writes and a snapshot.
/// </summary>
public sealed class StorageMetricsIntegrationTests
{
    private const int Batches = 3;
    private const int PointsPerBatch = 10;
    private const int Dimension = 4;

    private static readonly HttpClient Http = new();

    [Fact]
    public async Task StorageMetrics_Should_AppearAndMove_When_WritesAndASnapshotHappen()
    {
        await using var node = await NodeProcess.StartAsync();
        var before = await ScrapeAsync(node);
        Assert.True(before.ContainsKey("vdb_recovery_duration_seconds"), "recovery duration missing");
        Assert.True(before["vdb_wal_segments"] >= 1, "a recovered node has at least its current segment");
        Assert.False(before.ContainsKey("vdb_snapshot_last_lsn"), "no snapshot was written yet");

        await node.Collections.CreateAsync(new CreateCollectionRequest
        {
            Name = "metered",
            Dimension = Dimension,
            Distance = Distance.Dot,
            Durability = new Durability { Fsync = FsyncMode.Always },
        });
        for (var b = 0; b < Batches; b++)
        {
            // One at a time: each acknowledgement waits for an fsync of its own under `always`.
            await node.Points.UpsertAsync(TestData.Upsert("metered", TestData.Points(PointsPerBatch, Dimension, seed: b, firstId: (ulong)(b * PointsPerBatch))));
        }

        var written = await ScrapeAsync(node);

        // The create record and one record per batch; each batch carries at least its vectors' bytes.
        Assert.True(written["vdb_wal_records_total"] - before["vdb_wal_records_total"] >= Batches + 1, Describe("records", before, written));
        Assert.True(
            written["vdb_wal_appended_bytes_total"] - before["vdb_wal_appended_bytes_total"] >= Batches * PointsPerBatch * Dimension * 4,
            Describe("bytes", before, written));
        Assert.True(written["vdb_wal_fsyncs_total"] - before["vdb_wal_fsyncs_total"] >= Batches, Describe("fsyncs", before, written));
        Assert.Equal(written["vdb_wal_fsyncs_total"], written["vdb_wal_fsync_duration_seconds_count"]);
        Assert.Equal(written["vdb_wal_fsyncs_total"], written["vdb_wal_group_commit_records_count"]);
        Assert.True(written["vdb_wal_group_commit_records_sum"] >= Batches + 1, Describe("group commit records", before, written));
        Assert.Equal(written["vdb_wal_records_total"], written["vdb_wal_last_lsn"]);

        var snapshot = await node.Snapshots.CreateAsync("metered");
        var after = await ScrapeAsync(node);
        var (exitCode, output) = await Promtool.CheckMetricsAsync(await Http.GetStringAsync(MetricsUri(node)));

        Assert.Equal(snapshot.Lsn, after["vdb_snapshot_last_lsn"]);
        Assert.Equal(1, after["vdb_snapshots_written_total"]);
        Assert.True(after["vdb_snapshot_last_duration_seconds"] > 0, "a snapshot takes some time");

        // Wall clock: the snapshot finished within the last ten minutes (generous for a loaded CI machine).
        var now = DateTimeOffset.UnixEpoch.AddSeconds(after["vdb_snapshot_last_timestamp_seconds"]);
        Assert.InRange(now, TimeProvider.System.GetUtcNow().AddMinutes(-10), TimeProvider.System.GetUtcNow().AddMinutes(1));
        Assert.True(exitCode == 0, $"promtool check metrics failed ({exitCode}): {output}");
    }

    private static Uri MetricsUri(NodeProcess node) => new($"http://127.0.0.1:{node.HttpPort}/metrics");

    /// <summary>Series without labels (and histogram _count/_sum) by name.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(NodeProcess node)
    {
        var text = await Http.GetStringAsync(MetricsUri(node));
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith("vdb_", StringComparison.Ordinal) && !line.Contains('{', StringComparison.Ordinal) && space > 0)
            {
                values[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return values;
    }

    private static string Describe(string what, Dictionary<string, double> before, Dictionary<string, double> after) =>
        $"{what} did not move enough: before {string.Join(", ", before.Where(p => p.Key.StartsWith("vdb_wal", StringComparison.Ordinal)))}; " +
        $"after {string.Join(", ", after.Where(p => p.Key.StartsWith("vdb_wal", StringComparison.Ordinal)))}";
}
