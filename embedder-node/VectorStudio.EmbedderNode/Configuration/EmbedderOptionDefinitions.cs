// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Hosting;

namespace VectorStudio.EmbedderNode.Configuration;

/// <summary>
/// Every setting of the embedder node, in one table: the common server rows, then the model and
/// batching rows. Defaults live here and nowhere else; docs/configuration.md lists the same table.
/// </summary>
public static class EmbedderOptionDefinitions
{
    public const string ModelDir = "model-dir";
    public const string Device = "device";
    public const string Fp16 = "fp16";
    public const string Threads = "threads";
    public const string MaxBatchSize = "max-batch-size";
    public const string MaxBatchWaitMs = "max-batch-wait-ms";
    public const string QueueCapacity = "queue-capacity";
    public const string MaxTextsPerRequest = "max-texts-per-request";

    public static readonly IReadOnlyList<OptionDefinition> All =
    [
        .. ServerOptions.Definitions(defaultGrpcPort: 50052, defaultHttpPort: 8081, defaultMaxMessageMib: 16),
        new(ModelDir, OptionKind.Path, null, "Model package directory (manifest.json, model file, tokenizer); required."),
        new(Device, OptionKind.Text, "auto", "Where the model runs: auto (CUDA when present, else CPU), cpu, cuda or cuda:N."),
        new(Fp16, OptionKind.Boolean, "false", "Run the model in half precision on a GPU (ignored on CPU)."),
        new(Threads, OptionKind.Number, "0", "Intra-op threads of the model runtime; 0 means all cores.", Min: 0, Max: 1024),
        new(MaxBatchSize, OptionKind.Number, "32", "Most texts one model call takes; concurrent requests share it.", Min: 1, Max: 4096),
        new(MaxBatchWaitMs, OptionKind.Number, "2", "Longest a text waits for others to fill its batch, in ms.", Min: 0, Max: 10000),
        new(QueueCapacity, OptionKind.Number, "4096", "Texts waiting for a batch before requests fail with RESOURCE_EXHAUSTED.", Min: 1, Max: 1_000_000),
        new(MaxTextsPerRequest, OptionKind.Number, "256", "Most texts one Embed request may carry.", Min: 1, Max: 100_000),
    ];
}
