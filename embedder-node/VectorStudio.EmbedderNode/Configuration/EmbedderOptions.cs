// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using VectorStudio.Hosting;

namespace VectorStudio.EmbedderNode.Configuration;

/// <summary>The validated settings of an embedder node.</summary>
public sealed partial record EmbedderOptions(
    ServerOptions Server,
    string ModelDir,
    string Device,
    bool Fp16,
    int Threads,
    int MaxBatchSize,
    TimeSpan MaxBatchWait,
    int QueueCapacity,
    int MaxTextsPerRequest)
{
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
        if (modelDir is null)
        {
            errors.Add("--model-dir is required: the directory of a model package (see docs/embedder.md)");
        }
        else if (!Directory.Exists(modelDir))
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
            Path.GetFullPath(modelDir!),
            device,
            values.GetBoolean(EmbedderOptionDefinitions.Fp16),
            (int)values.GetInteger(EmbedderOptionDefinitions.Threads),
            (int)values.GetInteger(EmbedderOptionDefinitions.MaxBatchSize),
            TimeSpan.FromMilliseconds(values.GetInteger(EmbedderOptionDefinitions.MaxBatchWaitMs)),
            (int)values.GetInteger(EmbedderOptionDefinitions.QueueCapacity),
            (int)values.GetInteger(EmbedderOptionDefinitions.MaxTextsPerRequest));
    }

    [GeneratedRegex("^(auto|cpu|cuda|cuda:[0-9]{1,2})$")]
    private static partial Regex DevicePattern();
}
