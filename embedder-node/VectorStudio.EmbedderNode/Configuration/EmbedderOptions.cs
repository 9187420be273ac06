// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using VectorStudio.EmbedderNode.ModelSource;
using VectorStudio.Hosting;

namespace VectorStudio.EmbedderNode.Configuration;

/// <summary>
/// The validated settings of an embedder node. The model comes from exactly one of
/// <see cref="ModelDir"/> (a package folder) or <see cref="ModelUri"/> (fetched at start).
/// </summary>
public sealed partial record EmbedderOptions(
    ServerOptions Server,
    string? ModelDir,
    string Device,
    bool Fp16,
    int Threads,
    int MaxBatchSize,
    TimeSpan MaxBatchWait,
    int QueueCapacity,
    int MaxTextsPerRequest)
{
    /// <summary>The model to fetch at start when <see cref="ModelDir"/> is null.</summary>
    public ModelUri? ModelUri { get; init; }

    /// <summary>Whether a TorchScript model on CPU runs its linear layers through oneDNN with prepacked weights.</summary>
    public bool CpuPrepack { get; init; } = true;

    /// <summary>Cache folder, size cap, retries and timeouts of model fetches (start-up and LoadModel).</summary>
    public ModelFetchSettings Fetch { get; init; } = ModelFetchSettings.For(ModelFetchSettings.DefaultCacheDirectory);

    /// <summary>Whether <paramref name="device"/> names a device: auto, cpu, cuda or cuda:N.</summary>
    public static bool IsValidDevice(string device) => DevicePattern().IsMatch(device);

    /// <summary>Binds parsed values, adding to <paramref name="errors"/> what the table alone cannot check.</summary>
    public static EmbedderOptions? Bind(OptionValues values, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(errors);
        var start = errors.Count;
        var server = ServerOptions.BindFrom(values, errors);
        var modelDir = values.GetString(EmbedderOptionDefinitions.ModelDir);
        var modelUri = BindModelUri(values, modelDir, errors);
        if (modelDir is not null && !Directory.Exists(modelDir))
        {
            errors.Add($"--model-dir: no directory at {modelDir}");
        }

        var device = values.GetRequiredString(EmbedderOptionDefinitions.Device);
        if (!IsValidDevice(device))
        {
            errors.Add($"--device: '{device}' is not a device; use auto, cpu, cuda or cuda:N");
        }

        if (errors.Count > start || server is null)
        {
            return null;
        }

        return new EmbedderOptions(
            server,
            modelDir is null ? null : Path.GetFullPath(modelDir),
            device,
            values.GetBoolean(EmbedderOptionDefinitions.Fp16),
            (int)values.GetInteger(EmbedderOptionDefinitions.Threads),
            (int)values.GetInteger(EmbedderOptionDefinitions.MaxBatchSize),
            TimeSpan.FromMilliseconds(values.GetInteger(EmbedderOptionDefinitions.MaxBatchWaitMs)),
            (int)values.GetInteger(EmbedderOptionDefinitions.QueueCapacity),
            (int)values.GetInteger(EmbedderOptionDefinitions.MaxTextsPerRequest))
        {
            ModelUri = modelUri,
            CpuPrepack = values.GetBoolean(EmbedderOptionDefinitions.CpuPrepack),
            Fetch = new ModelFetchSettings(
                Path.GetFullPath(values.GetString(EmbedderOptionDefinitions.ModelCacheDir) ?? ModelFetchSettings.DefaultCacheDirectory),
                values.GetInteger(EmbedderOptionDefinitions.ModelMaxBytes),
                (int)values.GetInteger(EmbedderOptionDefinitions.ModelFetchAttempts),
                TimeSpan.FromMilliseconds(values.GetInteger(EmbedderOptionDefinitions.ModelFetchRetryDelayMs)),
                TimeSpan.FromSeconds(values.GetInteger(EmbedderOptionDefinitions.ModelFetchTimeoutS))),
        };
    }

    private static ModelUri? BindModelUri(OptionValues values, string? modelDir, List<string> errors)
    {
        var text = values.GetString(EmbedderOptionDefinitions.ModelUri);
        var sha256 = values.GetString(EmbedderOptionDefinitions.ModelSha256);
        if (modelDir is null && text is null)
        {
            errors.Add("--model-dir or --model-uri is required: a model package directory, or "
                + ModelSource.ModelUri.Accepted + " (see docs/embedder.md)");
            return null;
        }

        if (modelDir is not null && text is not null)
        {
            errors.Add("--model-dir and --model-uri are both set; give exactly one");
            return null;
        }

        if (text is null)
        {
            if (sha256 is not null)
            {
                errors.Add("--model-sha256 checks a --model-uri archive; it does not apply to --model-dir");
            }

            return null;
        }

        var uri = ModelSource.ModelUri.TryParse(text, sha256, out var error);
        if (uri is null)
        {
            errors.Add($"--model-uri: {error}");
        }

        return uri;
    }

    [GeneratedRegex("^(auto|cpu|cuda|cuda:[0-9]{1,2})$")]
    private static partial Regex DevicePattern();
}
