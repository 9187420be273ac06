// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>How token embeddings [batch, seq, hidden] become one vector per text.</summary>
public enum PoolingMode
{
    /// <summary>The model pools itself and outputs [batch, dim].</summary>
    None,

    /// <summary>Average of the token vectors whose attention mask is non-zero (sentence-transformers' mean).</summary>
    Mean,

    /// <summary>The first token's vector ([CLS]).</summary>
    Cls,
}
