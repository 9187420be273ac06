// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>A model could not be fetched or unpacked; the message is one line naming the URI and the reason.</summary>
public sealed class ModelFetchException : Exception
{
    public ModelFetchException(ModelFetchErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ModelFetchException()
    {
    }

    public ModelFetchException(string message)
        : base(message)
    {
    }

    public ModelFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelFetchErrorKind Kind { get; }
}
