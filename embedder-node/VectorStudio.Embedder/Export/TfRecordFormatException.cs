// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Export;

/// <summary>A TFRecord file or <c>tf.train.Example</c> that is damaged; the message says where.</summary>
public sealed class TfRecordFormatException : FormatException
{
    public TfRecordFormatException(string message)
        : base(message)
    {
    }

    public TfRecordFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
