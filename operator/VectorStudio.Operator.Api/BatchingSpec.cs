// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace VectorStudio.Operator.Api;

/// <summary>Micro-batching of inference requests.</summary>
public sealed class BatchingSpec
{
    [Description("Largest batch sent to the model at once.")]
    [Range(1, 4096)]
    public int? MaxBatchSize { get; set; }

    [Description("Milliseconds a request may wait for a batch to fill. Higher improves throughput, "
        + "lower improves latency.")]
    [Range(0, 1000)]
    public int? MaxWaitMilliseconds { get; set; }
}
