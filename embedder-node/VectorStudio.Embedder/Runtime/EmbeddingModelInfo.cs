// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>What a loaded model is and where it runs.</summary>
/// <param name="Name">The manifest's name.</param>
/// <param name="Backend">The runtime executing it.</param>
/// <param name="Dimension">Length of each output vector, found by a test forward pass at load.</param>
/// <param name="Device">Where it runs: <c>cpu</c> or <c>cuda:N</c>.</param>
/// <param name="Precision"><c>fp32</c> or <c>fp16</c>.</param>
/// <param name="MaxSequenceLength">The longest token sequence accepted.</param>
/// <param name="Pooling">How token embeddings are pooled (None when the model pools).</param>
/// <param name="Normalize">Whether output vectors are L2-normalised.</param>
public sealed record EmbeddingModelInfo(
    string Name,
    ModelBackendKind Backend,
    int Dimension,
    string Device,
    string Precision,
    int MaxSequenceLength,
    PoolingMode Pooling,
    bool Normalize);
