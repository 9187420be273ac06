// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using VectorStudio.Engine.Durability;

namespace VectorStudio.ShardNode.Metrics;

/// <summary>
/// Observable instruments over the durable store: write-ahead log totals, segments, the last snapshot and
/// the last recovery (docs/observability.md). They read counters the store keeps, at scrape time; before
/// recovery has opened the log the WAL series are absent.
/// </summary>
public static class StorageMetrics
{
    public static void Register(Meter meter, DurableStore store)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(store);
        meter.CreateObservableCounter(
            "vdb_wal_appended_bytes_total",
            () => Wal(store, w => w.BytesWritten),
            unit: "By",
            description: "Bytes of records appended to the write-ahead log since the node started.");
        meter.CreateObservableCounter(
            "vdb_wal_records_total",
            () => Wal(store, w => w.RecordsWritten),
            description: "Records appended to the write-ahead log since the node started.");
        meter.CreateObservableCounter(
            "vdb_wal_fsyncs_total",
            () => Wal(store, w => w.SyncCount),
            description: "fsyncs of the write-ahead log since the node started (group commit: fewer than records).");
        meter.CreateObservableGauge(
            "vdb_wal_segments",
            () => Wal(store, w => (long)w.SegmentCount),
            description: "Segment files of the write-ahead log on disk (the current one and those kept).");
        meter.CreateObservableGauge(
            "vdb_wal_last_lsn",
            () => Wal(store, w => w.LastLsn),
            description: "LSN of the last record written to the write-ahead log.");
        meter.CreateObservableCounter(
            "vdb_snapshots_written_total",
            () => store.SnapshotsWritten,
            description: "Snapshot files written since the node started (checkpoints and on demand).");
        meter.CreateObservableGauge(
            "vdb_snapshot_last_lsn",
            () => Snapshot(store, s => s.Snapshot.Lsn),
            description: "LSN covered by the snapshot written last.");
        meter.CreateObservableGauge(
            "vdb_snapshot_last_timestamp_seconds",
            () => Snapshot(store, s => s.FinishedAt.ToUnixTimeMilliseconds() / 1000.0),
            unit: "s",
            description: "When the snapshot written last was finished (Unix time).");
        meter.CreateObservableGauge(
            "vdb_snapshot_last_duration_seconds",
            () => Snapshot(store, s => s.Duration.TotalSeconds),
            unit: "s",
            description: "How long writing the last snapshot took (file written, synced and renamed).");
        meter.CreateObservableGauge(
            "vdb_recovery_duration_seconds",
            () => store.LastRecovery is { } report ? [new Measurement<double>(report.Elapsed.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s",
            description: "How long start-up recovery took (snapshots loaded and log replayed).");
    }

    private static IEnumerable<Measurement<long>> Wal(DurableStore store, Func<Engine.Wal.WriteAheadLog, long> read) =>
        store.WalIfOpen is { } wal ? [new Measurement<long>(read(wal))] : [];

    private static IEnumerable<Measurement<T>> Snapshot<T>(DurableStore store, Func<SnapshotTiming, T> read)
        where T : struct =>
        store.LastSnapshot is { } last ? [new Measurement<T>(read(last))] : [];
}
