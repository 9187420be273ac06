// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Errors;

/// <summary>
/// The one error type of the engine. <see cref="Kind"/> says how a host reports it; the message names
/// the problem and what is accepted, and is safe to show to a client.
/// </summary>
public sealed class EngineException : Exception
{
    public EngineException()
        : this(EngineErrorKind.InvalidArgument, "invalid argument")
    {
    }

    public EngineException(string message)
        : this(EngineErrorKind.InvalidArgument, message)
    {
    }

    public EngineException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = EngineErrorKind.InvalidArgument;
    }

    public EngineException(EngineErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>How the error is reported.</summary>
    public EngineErrorKind Kind { get; }

    public static EngineException InvalidArgument(string message) => new(EngineErrorKind.InvalidArgument, message);

    public static EngineException NotFound(string message) => new(EngineErrorKind.NotFound, message);

    public static EngineException AlreadyExists(string message) => new(EngineErrorKind.AlreadyExists, message);

    public static EngineException ResourceExhausted(string message) =>
        new(EngineErrorKind.ResourceExhausted, message);

    public static EngineException FailedPrecondition(string message) =>
        new(EngineErrorKind.FailedPrecondition, message);

    public static EngineException Cancelled(string message, Exception? inner = null) =>
        new(EngineErrorKind.Cancelled, message, inner);

    public static EngineException DiskFull(string message, Exception? inner = null) =>
        new(EngineErrorKind.DiskFull, message, inner);

    public static EngineException Corrupted(string message, Exception? inner = null) =>
        new(EngineErrorKind.Corrupted, message, inner);

    /// <summary>The collection named does not exist.</summary>
    public static EngineException CollectionNotFound(string name) =>
        NotFound($"collection '{name}' does not exist");
}
