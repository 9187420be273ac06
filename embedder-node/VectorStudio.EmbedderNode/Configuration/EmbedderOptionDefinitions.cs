// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.EmbedderNode.ModelSource;
using VectorStudio.Hosting;

namespace VectorStudio.EmbedderNode.Configuration;

/// <summary>
/// Every setting of the embedder node, in one table: the common server rows, then the model and
/// batching rows. Defaults live here and nowhere else; docs/configuration.md lists the same table.
/// </summary>
public static class EmbedderOptionDefinitions
{
    public const string ModelDir = "model-dir";
    public const string ModelUri = "model-uri";
    public const string ModelSha256 = "model-sha256";
    public const string ModelCacheDir = "model-cache-dir";
    public const string ModelMaxBytes = "model-max-bytes";
    public const string ModelFetchAttempts = "model-fetch-attempts";
    public const string ModelFetchRetryDelayMs = "model-fetch-retry-delay-ms";
    public const string ModelFetchTimeoutS = "model-fetch-timeout-s";
    public const string Device = "device";
    public const string Fp16 = "fp16";
    public const string Threads = "threads";
    public const string CpuPrepack = "cpu-prepack";
    public const string MaxBatchSize = "max-batch-size";
    public const string MaxBatchWaitMs = "max-batch-wait-ms";
    public const string QueueCapacity = "queue-capacity";
    public const string MaxTextsPerRequest = "max-texts-per-request";

    public static readonly IReadOnlyList<OptionDefinition> All =
    [
        .. ServerOptions.Definitions(defaultGrpcPort: 50052, defaultHttpPort: 8081, defaultMaxMessageMib: 16),
        new(ModelDir, OptionKind.Path, null, "Model package directory (manifest.json, model file, tokenizer); this or --model-uri."),
        new(ModelUri, OptionKind.Text, null, "Model package to fetch at start: file:// folder or archive, http(s):// .tar.gz/.tgz/.tar/.zip; optional #sha256=<hex>."),
        new(ModelSha256, OptionKind.Text, null, "Expected SHA-256 of the --model-uri archive (64 hex digits), checked before unpacking."),
        new(ModelCacheDir, OptionKind.Path, null, "Writable folder of fetched packages, reused across restarts; default <temp>/vector-studio-models."),
        new(ModelMaxBytes, OptionKind.Number, ModelFetchSettings.DefaultMaxBytes.ToString(CultureInfo.InvariantCulture), "Largest model archive, and largest unpacked package, in bytes.", Min: 1),
        new(ModelFetchAttempts, OptionKind.Number, "5", "HTTP attempts before a transient failure (5xx, refused connection, timeout) is final.", Min: 1, Max: 100),
        new(ModelFetchRetryDelayMs, OptionKind.Number, "1000", "Wait before the second download attempt, in ms; it doubles for each later one (at most 30 s).", Min: 0, Max: 60_000),
        new(ModelFetchTimeoutS, OptionKind.Number, "60", "Longest wait for a connection, the response headers, or any read of the body, in s.", Min: 1, Max: 3600),
        new(Device, OptionKind.Text, "auto", "Where the model runs: auto (CUDA when present, else CPU), cpu, cuda or cuda:N."),
        new(Fp16, OptionKind.Boolean, "false", "Run the model in half precision on a GPU (ignored on CPU)."),
        new(Threads, OptionKind.Number, "0", "Intra-op threads of the model runtime; 0 means all cores.", Min: 0, Max: 1024),
        new(CpuPrepack, OptionKind.Boolean, "true", "TorchScript on CPU: run linear layers through oneDNN with weights packed once at load; false runs LibTorch's own."),
        new(MaxBatchSize, OptionKind.Number, "32", "Most texts one model call takes; concurrent requests share it.", Min: 1, Max: 4096),
        new(MaxBatchWaitMs, OptionKind.Number, "2", "Longest a text waits for others to fill its batch, in ms.", Min: 0, Max: 10000),
        new(QueueCapacity, OptionKind.Number, "4096", "Texts waiting for a batch before requests fail with RESOURCE_EXHAUSTED.", Min: 1, Max: 1_000_000),
        new(MaxTextsPerRequest, OptionKind.Number, "256", "Most texts one Embed request may carry.", Min: 1, Max: 100_000),
    ];
}
