// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>A tokenizer definition (tokenizer.json, vocab.txt) that cannot be used; the message says why.</summary>
public sealed class TokenizerFormatException : Exception
{
    public TokenizerFormatException(string message)
        : base(message)
    {
    }

    public TokenizerFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
