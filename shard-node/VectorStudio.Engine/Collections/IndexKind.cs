// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Collections;

/// <summary>Which index serves a collection's searches.</summary>
public enum IndexKind
{
    /// <summary>Exact search: every candidate is scored.</summary>
    Flat,

    /// <summary>
    /// Approximate search over an HNSW graph (M, ef_construct, ef; optional int8 traversal). Exact
    /// search, tiny collections and selective filters are still answered by a flat scan.
    /// </summary>
    Hnsw,
}
