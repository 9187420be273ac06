// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>Opens the backend a model package names (the host's one entry point to the runtimes).</summary>
public static class EmbeddingBackends
{
    /// <summary>Loads <paramref name="package"/> with the runtime its manifest names.</summary>
    /// <exception cref="EmbedderException">Any load failure, with its kind and a message saying what was wrong.</exception>
    public static IEmbeddingBackend Load(ModelPackage package, EmbeddingBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        return package.Backend switch
        {
            ModelBackendKind.TorchScript => TorchScriptBackend.Load(package, options),
            ModelBackendKind.Onnx => OnnxRuntimeBackend.Load(package, options),
        };
    }

    /// <summary>Reads the package in <paramref name="directory"/> and loads it.</summary>
    public static IEmbeddingBackend Load(string directory, EmbeddingBackendOptions? options = null) =>
        Load(ModelPackage.Load(directory), options);
}
