// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;

namespace VectorStudio.EmbedderNode.Services;

/// <summary>The one place where embedder failures become gRPC statuses.</summary>
public static class EmbedderStatusMapping
{
    /// <summary>How long a client should wait before retrying a RESOURCE_EXHAUSTED call.</summary>
    public const string RetryAfterKey = "retry-after-ms";

    /// <summary>Translates what an embedding call threw; returns null for an exception that is a bug.</summary>
    public static RpcException? ToRpcException(Exception error, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(context);
        return error switch
        {
            RpcException rpc => rpc,
            ArgumentException e => new RpcException(new Status(StatusCode.InvalidArgument, e.Message)),
            OperationCanceledException when context.Deadline is not null && context.CancellationToken.IsCancellationRequested =>
                new RpcException(new Status(StatusCode.DeadlineExceeded, "the deadline passed before the texts were embedded")),
            OperationCanceledException => new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled")),
            _ => null,
        };
    }

    /// <summary>RESOURCE_EXHAUSTED with a retry hint, for a full queue.</summary>
    public static RpcException Overloaded(string message, int retryAfterMs)
    {
        var trailers = new Metadata { { RetryAfterKey, retryAfterMs.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        return new RpcException(new Status(StatusCode.ResourceExhausted, message), trailers);
    }

    public static RpcException Invalid(string message) => new(StatusCode.InvalidArgument, message);
}
