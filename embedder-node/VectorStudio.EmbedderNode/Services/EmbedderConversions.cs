// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder;
using VectorStudio.Embedder.Runtime;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.EmbedderNode.Services;

/// <summary>Maps between the embedder's types and the wire contract.</summary>
public static class EmbedderConversions
{
    public static V1.ModelInfo ToContract(EmbeddingModelInfo info, long generation)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new V1.ModelInfo
        {
            Name = info.Name,
            Dimension = (uint)info.Dimension,
            Device = info.Device,
            Precision = info.Precision,
            Backend = BackendName(info.Backend),
            MaxSequenceLength = (uint)info.MaxSequenceLength,
            Generation = (ulong)generation,
            Normalized = info.Normalize,
        };
    }

    public static V1.Embedding ToContract(TextEmbedding embedding)
    {
        var result = new V1.Embedding { TokenCount = (uint)embedding.TokenCount, Truncated = embedding.Truncated };
        result.Values.AddRange(embedding.Vector);
        return result;
    }

    /// <summary>The package manifest's spelling of a backend.</summary>
    public static string BackendName(ModelBackendKind backend) => backend switch
    {
        ModelBackendKind.TorchScript => "torchscript",
        ModelBackendKind.Onnx => "onnx",
    };
}
