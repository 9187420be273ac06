// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Collections;

/// <summary>Which index serves a collection's searches.</summary>
public enum IndexKind
{
    /// <summary>Exact search: every candidate is scored.</summary>
    Flat,

    /// <summary>
    /// Approximate search over an HNSW graph. Not implemented yet: the options are validated and kept,
    /// and searches are served exactly by the flat index (results are exact, so recall is 1).
    /// </summary>
    Hnsw,
}
