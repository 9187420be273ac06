// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using VectorStudio.Embedder.Batching;
using VectorStudio.Hosting;

namespace VectorStudio.EmbedderNode.Metrics;

/// <summary>
/// The embedder node's instruments: the gRPC ones, the micro-batcher's (<c>vdb_embedding_*</c>: the
/// reference's <c>vdb_embedding_latency_ms</c> is <c>vdb_embedding_latency_seconds</c> in base units,
/// batch sizes, queue depth and wait, rejections, errors), texts and model loads.
/// </summary>
public sealed class EmbedderMetrics : IDisposable
{
    public const string MeterName = "VectorStudio.EmbedderNode";

    private readonly Meter _meter = new(MeterName);

    public EmbedderMetrics()
    {
        Rpc = new RpcMetrics(_meter);
        Batching = new MicroBatcherMetrics(_meter, "vdb_embedding");
        TextsEmbedded = _meter.CreateCounter<long>(
            "vdb_texts_embedded_total",
            description: "Texts embedded.");
        TextsTruncated = _meter.CreateCounter<long>(
            "vdb_texts_truncated_total",
            description: "Texts longer than the model's max sequence length, embedded from their first tokens.");
        ModelLoads = _meter.CreateCounter<long>(
            "vdb_model_loads_total",
            description: "Model loads by outcome (ok or error), the start-up load included.");
    }

    public Meter Meter => _meter;

    public RpcMetrics Rpc { get; }

    /// <summary>Shared by every model the node loads, so a swap keeps one set of series.</summary>
    public MicroBatcherMetrics Batching { get; }

    public Counter<long> TextsEmbedded { get; }

    public Counter<long> TextsTruncated { get; }

    public Counter<long> ModelLoads { get; }

    /// <summary>
    /// <c>vdb_model_info</c>: 1, labelled with what the slot serves now, so a dashboard sees swaps.
    /// </summary>
    public void ObserveModel(ModelSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        _meter.CreateObservableGauge(
            "vdb_model_info",
            () =>
            {
                var (info, generation) = slot.Current;
                return new Measurement<long>(
                    1,
                    new KeyValuePair<string, object?>("model", info.Name),
                    new KeyValuePair<string, object?>("backend", Services.EmbedderConversions.BackendName(info.Backend)),
                    new KeyValuePair<string, object?>("device", info.Device),
                    new KeyValuePair<string, object?>("precision", info.Precision),
                    new KeyValuePair<string, object?>("dimension", info.Dimension),
                    new KeyValuePair<string, object?>("generation", generation));
            },
            description: "The model being served (value 1; the labels describe it).");
    }

    public void Dispose() => _meter.Dispose();
}
