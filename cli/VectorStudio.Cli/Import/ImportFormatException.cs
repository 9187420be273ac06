// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Import;

/// <summary>An input file that does not hold what its format promises; the message names the file and position.</summary>
public sealed class ImportFormatException : Exception
{
    public ImportFormatException(string message)
        : base(message)
    {
    }

    public ImportFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ImportFormatException()
    {
    }
}
