// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// A model package: a folder holding <c>manifest.json</c>, the model file (TorchScript or ONNX) and the
/// tokenizer file (<c>tokenizer.json</c> or <c>vocab.txt</c>). The format is documented in docs/embedder.md.
/// </summary>
public sealed class ModelPackage
{
    /// <summary>The manifest's file name inside the package folder.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The largest maxSequenceLength accepted (BERT-style models use 512; long-context ones 8192).</summary>
    public const int MaxSupportedSequenceLength = 8192;

    private static readonly string[] Keys =
        ["name", "backend", "model", "tokenizer", "maxSequenceLength", "pooling", "normalize"];

    private ModelPackage(
        string directory,
        string name,
        ModelBackendKind backend,
        string modelPath,
        string tokenizerPath,
        int maxSequenceLength,
        PoolingMode pooling,
        bool normalize)
    {
        Directory = directory;
        Name = name;
        Backend = backend;
        ModelPath = modelPath;
        TokenizerPath = tokenizerPath;
        MaxSequenceLength = maxSequenceLength;
        Pooling = pooling;
        Normalize = normalize;
    }

    /// <summary>The package folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The model's name, reported in model info.</summary>
    public string Name { get; }

    /// <summary>Which runtime executes the model file.</summary>
    public ModelBackendKind Backend { get; }

    /// <summary>Absolute path of the model file.</summary>
    public string ModelPath { get; }

    /// <summary>Absolute path of the tokenizer file (<c>tokenizer.json</c> or a WordPiece <c>vocab.txt</c>).</summary>
    public string TokenizerPath { get; }

    /// <summary>The longest token sequence the model accepts.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>How token embeddings are pooled; <see cref="PoolingMode.None"/> when the model pools itself.</summary>
    public PoolingMode Pooling { get; }

    /// <summary>Whether the final vectors are L2-normalised.</summary>
    public bool Normalize { get; }

    /// <summary>Reads and validates the package in <paramref name="directory"/>.</summary>
    /// <exception cref="EmbedderException">Kind InvalidPackage or ModelNotFound, with what was wrong.</exception>
    public static ModelPackage Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw EmbedderException.InvalidPackage($"model package folder not found: {full}");
        }

        var manifestPath = Path.Combine(full, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw EmbedderException.InvalidPackage($"{manifestPath} not found: a model package needs a {ManifestFileName}");
        }

        return Parse(full, File.ReadAllText(manifestPath));
    }

    /// <summary>Validates manifest JSON for the package folder <paramref name="directory"/>.</summary>
    internal static ModelPackage Parse(string directory, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw EmbedderException.InvalidPackage($"{ManifestFileName} is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw EmbedderException.InvalidPackage($"{ManifestFileName} must be a JSON object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (Array.IndexOf(Keys, property.Name) < 0)
                {
                    throw EmbedderException.InvalidPackage(
                        $"{ManifestFileName}: unknown field '{property.Name}' (accepted: {string.Join(", ", Keys)})");
                }
            }

            var name = RequiredString(root, "name");
            var backend = RequiredString(root, "backend") switch
            {
                "torchscript" => ModelBackendKind.TorchScript,
                "onnx" => ModelBackendKind.Onnx,
                var other => throw EmbedderException.InvalidPackage(
                    $"{ManifestFileName}: backend '{other}' is not supported (accepted: torchscript, onnx)"),
            };
            var model = PackageFile(directory, RequiredString(root, "model"), "model");
            if (!File.Exists(model))
            {
                throw new EmbedderException(EmbedderErrorKind.ModelNotFound, $"model file not found: {model}");
            }

            var tokenizer = Tokenizer(directory, RequiredString(root, "tokenizer"));
            return new ModelPackage(
                directory, name, backend, model, tokenizer, MaxLength(root), ReadPooling(root), ReadNormalize(root));
        }
    }

    private static string RequiredString(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw EmbedderException.InvalidPackage($"{ManifestFileName}: '{key}' is required and must be a non-empty string");
        }

        return value.GetString()!;
    }

    /// <summary>A file named by the manifest: a plain name or relative path that stays inside the package.</summary>
    private static string PackageFile(string directory, string relative, string key)
    {
        var full = Path.GetFullPath(Path.Combine(directory, relative));
        var inside = full.StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (Path.IsPathRooted(relative) || !inside)
        {
            throw EmbedderException.InvalidPackage(
                $"{ManifestFileName}: '{key}' must be a path inside the package folder, got '{relative}'");
        }

        return full;
    }

    private static string Tokenizer(string directory, string relative)
    {
        var path = PackageFile(directory, relative, "tokenizer");
        var fileName = Path.GetFileName(path);
        if (!fileName.EndsWith(".json", StringComparison.Ordinal) && !fileName.EndsWith(".txt", StringComparison.Ordinal))
        {
            throw EmbedderException.InvalidPackage(
                $"{ManifestFileName}: tokenizer '{relative}' must be a tokenizer.json or a WordPiece vocab.txt");
        }

        if (!File.Exists(path))
        {
            throw EmbedderException.InvalidPackage($"tokenizer file not found: {path}");
        }

        return path;
    }

    private static int MaxLength(JsonElement root)
    {
        if (!root.TryGetProperty("maxSequenceLength", out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetInt32(out var length) || length < 1 || length > MaxSupportedSequenceLength)
        {
            throw EmbedderException.InvalidPackage(
                $"{ManifestFileName}: 'maxSequenceLength' is required, an integer from 1 to {MaxSupportedSequenceLength}");
        }

        return length;
    }

    private static PoolingMode ReadPooling(JsonElement root)
    {
        if (!root.TryGetProperty("pooling", out var value))
        {
            return PoolingMode.None;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() switch
        {
            "none" => PoolingMode.None,
            "mean" => PoolingMode.Mean,
            "cls" => PoolingMode.Cls,
            _ => throw BadPooling(value),
        }
        : throw BadPooling(value);
    }

    private static EmbedderException BadPooling(JsonElement value) =>
        EmbedderException.InvalidPackage($"{ManifestFileName}: pooling {value.GetRawText()} is not supported (accepted: none, mean, cls)");

    private static bool ReadNormalize(JsonElement root)
    {
        if (!root.TryGetProperty("normalize", out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw EmbedderException.InvalidPackage($"{ManifestFileName}: 'normalize' must be true or false"),
        };
    }
}
