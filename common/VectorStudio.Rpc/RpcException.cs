// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc;

/// <summary>
/// A call that ended with a non-OK status. Thrown by the client for a failed call; thrown by a
/// server handler to fail its call with that status and trailers.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata(), null)
    {
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail), new Metadata(), null)
    {
    }

    public RpcException(Status status, Metadata trailers, Exception? inner = null)
        : base(FormatMessage(status), inner)
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException()
        : this(new Status(StatusCode.Unknown, string.Empty))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    public RpcException(string message, Exception innerException)
        : this(new Status(StatusCode.Unknown, message), new Metadata(), innerException)
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailers the server sent with the status (client side), or to send (server side).</summary>
    public Metadata Trailers { get; }

    private static string FormatMessage(Status status) =>
        string.IsNullOrEmpty(status.Detail) ? status.StatusCode.ToString() : $"{status.StatusCode}: {status.Detail}";
}
