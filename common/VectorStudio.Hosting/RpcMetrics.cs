// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;

namespace VectorStudio.Hosting;

/// <summary>
/// The instruments every gRPC server process exports, on the host's own meter: calls and errors by
/// method and status code, call duration, open connections. Names follow the reference design's
/// <c>vdb_*</c> in Prometheus base units (promtool rejects abbreviations such as <c>_ms</c>).
/// </summary>
public sealed class RpcMetrics
{
    /// <summary>Bucket bounds in seconds, 100 µs to 10 s.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public RpcMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        Requests = meter.CreateCounter<long>(
            "vdb_requests_total",
            description: "gRPC calls served, by method and status code.");
        Errors = meter.CreateCounter<long>(
            "vdb_errors_total",
            description: "gRPC calls that ended with a status other than OK, by method and status code.");
        RequestDuration = meter.CreateHistogram(
            "vdb_request_duration_seconds",
            unit: "s",
            description: "Time to serve a gRPC call, by method.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        ActiveConnections = meter.CreateUpDownCounter<long>(
            "vdb_active_connections",
            description: "Open client connections, by listener (grpc or http).");
    }

    public Counter<long> Requests { get; }

    public Counter<long> Errors { get; }

    public Histogram<double> RequestDuration { get; }

    public UpDownCounter<long> ActiveConnections { get; }
}
