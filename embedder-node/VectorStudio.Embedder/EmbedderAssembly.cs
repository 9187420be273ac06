// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder;

/// <summary>Marker for the embedder library's assembly (used to locate bundled native libraries).</summary>
public static class EmbedderAssembly
{
    /// <summary>The directory the embedder assembly was loaded from.</summary>
    public static string Directory => AppContext.BaseDirectory;
}
