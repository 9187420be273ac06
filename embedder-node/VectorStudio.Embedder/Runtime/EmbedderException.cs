// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// The one error type of the model runtime: a <see cref="EmbedderErrorKind"/> (which the host maps to a
/// gRPC status or a start-up exit code) and a message that says what was wrong and what is accepted.
/// </summary>
public sealed class EmbedderException : Exception
{
    public EmbedderException(EmbedderErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public EmbedderException()
        : this(EmbedderErrorKind.Internal, "embedder error")
    {
    }

    public EmbedderException(string message)
        : this(EmbedderErrorKind.Internal, message)
    {
    }

    public EmbedderException(string message, Exception innerException)
        : this(EmbedderErrorKind.Internal, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public EmbedderErrorKind Kind { get; }

    internal static EmbedderException InvalidPackage(string message) => new(EmbedderErrorKind.InvalidPackage, message);

    internal static EmbedderException InvalidInput(string message) => new(EmbedderErrorKind.InvalidInput, message);

    internal static EmbedderException UnsupportedOutput(string message) =>
        new(EmbedderErrorKind.UnsupportedOutput, message);
}
