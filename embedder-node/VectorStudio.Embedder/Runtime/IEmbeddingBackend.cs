// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// A loaded embedding model: token ids in, final vectors out (pooled and normalised as the package says).
/// Implementations are thread-safe; <see cref="IDisposable.Dispose"/> lets calls in flight finish before
/// the native model is freed.
/// </summary>
public interface IEmbeddingBackend : IDisposable
{
    /// <summary>Name, backend, dimension, device, precision and limits of the loaded model.</summary>
    EmbeddingModelInfo Info { get; }

    /// <summary>
    /// Embeds a batch of token sequences, each padded to <paramref name="sequenceLength"/>.
    /// </summary>
    /// <param name="inputIds">Row-major [batch, sequenceLength] token ids.</param>
    /// <param name="attentionMask">Row-major [batch, sequenceLength]: 1 for real tokens, 0 for padding.</param>
    /// <param name="batch">Number of sequences (at least 1).</param>
    /// <param name="sequenceLength">Tokens per sequence (1 to <see cref="EmbeddingModelInfo.MaxSequenceLength"/>).</param>
    /// <returns>Row-major [batch, <see cref="EmbeddingModelInfo.Dimension"/>] vectors.</returns>
    /// <exception cref="EmbedderException">Invalid input (kind InvalidInput) or a failing model.</exception>
    float[] Embed(ReadOnlySpan<long> inputIds, ReadOnlySpan<long> attentionMask, int batch, int sequenceLength);
}
