// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Errors;

/// <summary>
/// What went wrong, in terms a transport can map to its own status codes (the gRPC host does so
/// in one exhaustive switch).
/// </summary>
public enum EngineErrorKind
{
    /// <summary>The request is malformed or breaks a limit; retrying it unchanged fails again.</summary>
    InvalidArgument,

    /// <summary>A named collection does not exist.</summary>
    NotFound,

    /// <summary>A collection with that name already exists.</summary>
    AlreadyExists,

    /// <summary>A capacity limit of the engine is reached (collections, points per collection).</summary>
    ResourceExhausted,

    /// <summary>The target is in a state that forbids the operation (e.g. the collection was deleted).</summary>
    FailedPrecondition,

    /// <summary>The caller cancelled the operation before it finished; nothing was changed by a read.</summary>
    Cancelled,

    /// <summary>The disk is full: the write was not stored (and left nothing half-written); retry when space returns.</summary>
    DiskFull,

    /// <summary>Stored data failed its checksum or format check; nothing was applied from it.</summary>
    Corrupted,
}
