// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>What a model's forward returns, decided once by the test forward pass at load.</summary>
internal enum OutputLayout
{
    /// <summary>[batch, dim]: the model pools itself.</summary>
    Pooled,

    /// <summary>[batch, seq, hidden]: token embeddings that the package's pooling turns into vectors.</summary>
    Tokens,
}
