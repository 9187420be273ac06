// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;

namespace VectorStudio.Embedder.Batching;

/// <summary>
/// A batcher's instruments on a caller's <see cref="Meter"/>, named <c>{prefix}_…</c> in Prometheus base
/// units (promtool rejects <c>_ms</c>): with prefix <c>vdb_embedding</c> the reference's
/// <c>vdb_embedding_latency_ms</c> is <c>vdb_embedding_latency_seconds</c>.
/// </summary>
public sealed class MicroBatcherMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] SizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    public MicroBatcherMetrics(Meter meter, string prefix)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Latency = meter.CreateHistogram(
            $"{prefix}_latency_seconds",
            unit: "s",
            description: "Time from submitting an item to its result (queueing and the batch together).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        QueueWait = meter.CreateHistogram(
            $"{prefix}_queue_wait_seconds",
            unit: "s",
            description: "Time an item waited in the queue before its batch started.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        BatchSize = meter.CreateHistogram(
            $"{prefix}_batch_size",
            unit: null,
            description: "Items per batch run.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SizeBuckets });
        QueueDepth = meter.CreateUpDownCounter<long>(
            $"{prefix}_queue_depth", description: "Items waiting for a batch.");
        Rejected = meter.CreateCounter<long>(
            $"{prefix}_rejected_total", description: "Items refused because the queue was full.");
        Dropped = meter.CreateCounter<long>(
            $"{prefix}_dropped_total",
            description: "Items dropped before their batch ran, by reason (cancelled, expired).");
        Errors = meter.CreateCounter<long>(
            $"{prefix}_errors_total", description: "Items whose batch failed.");
    }

    public Histogram<double> Latency { get; }

    public Histogram<double> QueueWait { get; }

    public Histogram<double> BatchSize { get; }

    public UpDownCounter<long> QueueDepth { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> Dropped { get; }

    public Counter<long> Errors { get; }
}
