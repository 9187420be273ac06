// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Hosting;

/// <summary>
/// A process cannot start for a reason the user can fix (a model that does not load, a data directory
/// held by another process). <see cref="HostCommand"/> prints the message and exits with 1.
/// </summary>
public sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StartupException()
    {
    }
}
