// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Batching;
using VectorStudio.Embedder.Runtime;
using VectorStudio.EmbedderNode.ModelSource;
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
            BatcherQueueFullException e => Overloaded(
                $"the embedder's queue is full ({e.Capacity} texts waiting); retry later or raise --queue-capacity", 100),
            BatcherClosedException e => new RpcException(new Status(StatusCode.Unavailable, e.Message)),
            EmbedderException e => new RpcException(new Status(Code(e.Kind), e.Message)),
            OperationCanceledException when context.Deadline is not null && context.CancellationToken.IsCancellationRequested =>
                new RpcException(new Status(StatusCode.DeadlineExceeded, "the deadline passed before the texts were embedded")),
            OperationCanceledException => new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled")),
            _ => null,
        };
    }

    /// <summary>The status of a runtime failure while serving (load failures have their own path).</summary>
    public static StatusCode Code(EmbedderErrorKind kind) => kind switch
    {
        EmbedderErrorKind.InvalidInput => StatusCode.InvalidArgument,
        EmbedderErrorKind.DeviceUnavailable or EmbedderErrorKind.NativeLibraryMissing => StatusCode.Unavailable,
        EmbedderErrorKind.InvalidPackage or EmbedderErrorKind.ModelNotFound or EmbedderErrorKind.InvalidModel
            or EmbedderErrorKind.UnsupportedOutput => StatusCode.FailedPrecondition,
        EmbedderErrorKind.InferenceFailed or EmbedderErrorKind.Io or EmbedderErrorKind.Internal => StatusCode.Internal,
    };

    /// <summary>The status of a LoadModel whose URI could not be fetched.</summary>
    public static StatusCode Code(ModelFetchErrorKind kind) => kind switch
    {
        ModelFetchErrorKind.NotFound => StatusCode.NotFound,
        ModelFetchErrorKind.DigestMismatch or ModelFetchErrorKind.InvalidArchive => StatusCode.InvalidArgument,
        ModelFetchErrorKind.Refused or ModelFetchErrorKind.Cache => StatusCode.FailedPrecondition,
        ModelFetchErrorKind.Unavailable => StatusCode.Unavailable,
    };

    /// <summary>RESOURCE_EXHAUSTED with a retry hint, for a full queue.</summary>
    public static RpcException Overloaded(string message, int retryAfterMs)
    {
        var trailers = new Metadata { { RetryAfterKey, retryAfterMs.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        return new RpcException(new Status(StatusCode.ResourceExhausted, message), trailers);
    }

    public static RpcException Invalid(string message) => new(StatusCode.InvalidArgument, message);
}
