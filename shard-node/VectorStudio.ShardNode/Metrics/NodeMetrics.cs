// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;

namespace VectorStudio.ShardNode.Metrics;

/// <summary>
/// The shard node's instruments, named after the reference design's (vdb_*) with Prometheus base
/// units: promtool rejects abbreviated units such as <c>_ms</c>, so the reference's
/// <c>vdb_query_latency_ms</c> is exported as <c>vdb_query_latency_seconds</c>.
/// </summary>
public sealed class NodeMetrics : IDisposable
{
    public const string MeterName = "VectorStudio.ShardNode";

    private static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter = new(MeterName);

    public NodeMetrics()
    {
        Requests = _meter.CreateCounter<long>(
            "vdb_requests_total",
            description: "gRPC calls served, by method and status code.");
        Errors = _meter.CreateCounter<long>(
            "vdb_errors_total",
            description: "gRPC calls that ended with a status other than OK, by method and status code.");
        RequestDuration = _meter.CreateHistogram(
            "vdb_request_duration_seconds",
            unit: "s",
            description: "Time to serve a gRPC call, by method.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        QueryLatency = _meter.CreateHistogram(
            "vdb_query_latency_seconds",
            unit: "s",
            description: "Time to serve a search call (all its queries), by collection.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        ActiveConnections = _meter.CreateUpDownCounter<long>(
            "vdb_active_connections",
            description: "Open client connections, by listener (grpc or http).");
        PointsWritten = _meter.CreateCounter<long>(
            "vdb_points_written_total",
            description: "Points upserted, by collection.");
    }

    public Counter<long> Requests { get; }

    public Counter<long> Errors { get; }

    public Histogram<double> RequestDuration { get; }

    public Histogram<double> QueryLatency { get; }

    public UpDownCounter<long> ActiveConnections { get; }

    public Counter<long> PointsWritten { get; }

    /// <summary>The meter, for observable instruments other components add (per-collection sizes).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
