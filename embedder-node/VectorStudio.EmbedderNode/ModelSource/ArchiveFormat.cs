// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>Archive formats a model package may come in, recognised by their first bytes, not their names.</summary>
public enum ArchiveFormat
{
    /// <summary>A gzip-compressed tar (<c>.tar.gz</c>, <c>.tgz</c>).</summary>
    TarGzip,

    /// <summary>An uncompressed tar.</summary>
    Tar,

    /// <summary>A zip archive.</summary>
    Zip,
}
