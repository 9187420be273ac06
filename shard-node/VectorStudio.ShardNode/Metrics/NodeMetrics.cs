// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using VectorStudio.Hosting;

namespace VectorStudio.ShardNode.Metrics;

/// <summary>
/// The shard node's instruments, named after the reference design's (vdb_*) with Prometheus base
/// units: promtool rejects abbreviated units such as <c>_ms</c>, so the reference's
/// <c>vdb_query_latency_ms</c> is exported as <c>vdb_query_latency_seconds</c>.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "VectorStudio.ShardNode";

    private readonly Meter _meter = new(MeterName);

    public NodeMetrics()
    {
        Rpc = new RpcMetrics(_meter);
        QueryLatency = _meter.CreateHistogram(
            "vdb_query_latency_seconds",
            unit: "s",
            description: "Time to serve a search call (all its queries), by collection.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RpcMetrics.LatencyBuckets });
        PointsWritten = _meter.CreateCounter<long>(
            "vdb_points_written_total",
            description: "Points upserted, by collection.");
        _meter.CreateObservableCounter(
            "vdb_gc_allocated_bytes_total",
            () => GC.GetTotalAllocatedBytes(),
            unit: "By",
            description: "Bytes allocated on the managed heap since the process started (what drives garbage collections).");
        WalFsyncDuration = _meter.CreateHistogram(
            "vdb_wal_fsync_duration_seconds",
            unit: "s",
            description: "Time of one fsync of the write-ahead log.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FsyncBuckets });
        WalGroupCommitRecords = _meter.CreateHistogram<long>(
            "vdb_wal_group_commit_records",
            description: "Log records one fsync made durable (group commit: many writers share one fsync).",
            tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = GroupCommitBuckets });
    }

    /// <summary>fsync times: 10 µs (tmpfs, write cache) to 1 s (a struggling disk).</summary>
    public static IReadOnlyList<double> FsyncBuckets { get; } =
        [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    /// <summary>Records per fsync: 1 (a lone writer) up to thousands (interval fsync under load).</summary>
    public static IReadOnlyList<long> GroupCommitBuckets { get; } = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 4096];

    /// <summary>Calls, errors, call duration and open connections, as every server process exports them.</summary>
    public RpcMetrics Rpc { get; }

    public Histogram<double> QueryLatency { get; }

    public Counter<long> PointsWritten { get; }

    public Histogram<double> WalFsyncDuration { get; }

    public Histogram<long> WalGroupCommitRecords { get; }

    /// <summary>Records one fsync of the log (the WAL's sync observer).</summary>
    public void RecordWalSync(TimeSpan duration, long records)
    {
        WalFsyncDuration.Record(duration.TotalSeconds);
        WalGroupCommitRecords.Record(records);
    }

    /// <summary>The meter, for observable instruments other components add (per-collection sizes).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
