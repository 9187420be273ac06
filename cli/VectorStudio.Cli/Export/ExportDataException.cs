// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Export;

/// <summary>
/// The collection's data cannot be exported as asked (a missing or mistyped label); exits with
/// <see cref="ExitCodes.InputError"/> and leaves no output file.
/// </summary>
public sealed class ExportDataException : Exception
{
    public ExportDataException(string message)
        : base(message)
    {
    }

    public ExportDataException()
    {
    }

    public ExportDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
