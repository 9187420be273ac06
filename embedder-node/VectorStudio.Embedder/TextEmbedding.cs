// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;
namespace VectorStudio.Embedder;

/// <summary>One text's embedding.</summary>
/// <param name="Vector">The embedding, <see cref="EmbeddingModelInfo.Dimension"/> floats.</param>
/// <param name="TokenCount">Tokens the model saw, [CLS] and [SEP] included.</param>
/// <param name="Truncated">Whether the text had more tokens than the model's max sequence length.</param>
public readonly record struct TextEmbedding(float[] Vector, int TokenCount, bool Truncated);
