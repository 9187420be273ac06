// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;
namespace VectorStudio.Embedder;

/// <summary>
/// Text in, vectors out, for one loaded model: tokenizer, micro-batcher and model runtime together.
/// The embedder node serves whichever pipeline its model slot holds.
/// </summary>
public interface IEmbeddingPipeline : IDisposable
{
    /// <summary>What the model is and where it runs.</summary>
    EmbeddingModelInfo Info { get; }

    /// <summary>
    /// Embeds <paramref name="texts"/> in order. Concurrent calls share micro-batches. Throws
    /// <see cref="ArgumentException"/> for input the model cannot take (empty text), and honours
    /// <paramref name="cancellationToken"/> while the texts wait for their batch.
    /// </summary>
    Task<IReadOnlyList<TextEmbedding>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
