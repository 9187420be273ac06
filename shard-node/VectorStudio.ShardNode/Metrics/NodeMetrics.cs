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
    }

    /// <summary>Calls, errors, call duration and open connections, as every server process exports them.</summary>
    public RpcMetrics Rpc { get; }

    public Histogram<double> QueryLatency { get; }

    public Counter<long> PointsWritten { get; }

    /// <summary>The meter, for observable instruments other components add (per-collection sizes).</summary>
    public Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
