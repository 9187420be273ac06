// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>Why a model could not be fetched; decides the gRPC status of a LoadModel call.</summary>
public enum ModelFetchErrorKind
{
    /// <summary>The server answered 404 or 410, or a <c>file://</c> path does not exist.</summary>
    NotFound,

    /// <summary>The server refused the request for good (another 4xx).</summary>
    Refused,

    /// <summary>Every attempt failed with a transient error (5xx, connection refused, timeout).</summary>
    Unavailable,

    /// <summary>The archive's SHA-256 is not the expected one.</summary>
    DigestMismatch,

    /// <summary>The archive is corrupt, of an unknown format, too large, or has unsafe entries.</summary>
    InvalidArchive,

    /// <summary>The cache folder cannot be written.</summary>
    Cache,
}
