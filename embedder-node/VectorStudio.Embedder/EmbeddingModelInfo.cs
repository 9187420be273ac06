// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder;

/// <summary>A loaded model as callers see it.</summary>
/// <param name="Name">The model package's name.</param>
/// <param name="Dimension">Floats per embedding, found by a test forward pass at load.</param>
/// <param name="Device"><c>cpu</c>, <c>cuda:0</c>, …</param>
/// <param name="Precision"><c>fp32</c> or <c>fp16</c>.</param>
/// <param name="Backend"><c>torchscript</c> or <c>onnx</c>.</param>
/// <param name="MaxSequenceLength">Longest token sequence, [CLS] and [SEP] included.</param>
/// <param name="Normalized">Whether vectors are scaled to unit length.</param>
public sealed record EmbeddingModelInfo(
    string Name,
    int Dimension,
    string Device,
    string Precision,
    string Backend,
    int MaxSequenceLength,
    bool Normalized);
