// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;

namespace VectorStudio.ShardNode.Services;

/// <summary>The one place where engine errors become gRPC statuses.</summary>
public static class StatusMapping
{
    /// <summary>How long a client should wait before retrying a RESOURCE_EXHAUSTED call.</summary>
    public const string RetryAfterKey = "retry-after-ms";

    public static RpcException ToRpcException(EngineException error, ServerCallContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error.Kind switch
        {
            EngineErrorKind.InvalidArgument => StatusCode.InvalidArgument,
            EngineErrorKind.NotFound => StatusCode.NotFound,
            EngineErrorKind.AlreadyExists => StatusCode.AlreadyExists,
            EngineErrorKind.ResourceExhausted => StatusCode.ResourceExhausted,
            EngineErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
            EngineErrorKind.DiskFull => StatusCode.ResourceExhausted,
            EngineErrorKind.Corrupted => StatusCode.DataLoss,
            EngineErrorKind.Cancelled => context?.Deadline is { } deadline && context.CancellationToken.IsCancellationRequested
                ? StatusCode.DeadlineExceeded
                : StatusCode.Cancelled,
        };
        var trailers = new Metadata();
        if (code == StatusCode.ResourceExhausted)
        {
            trailers.Add(RetryAfterKey, "1000");
        }

        return new RpcException(new Status(code, error.Message), trailers, error);
    }

    /// <summary>A request the contract itself rules out (a missing oneof, an unset id).</summary>
    public static RpcException Invalid(string message) => new(StatusCode.InvalidArgument, message);

    /// <summary>Awaits an engine call, translating its errors.</summary>
    public static async Task<T> RunAsync<T>(ServerCallContext context, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (EngineException e)
        {
            throw ToRpcException(e, context);
        }
    }

    /// <summary>Runs an engine call, translating its errors.</summary>
    public static T Run<T>(ServerCallContext context, Func<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return call();
        }
        catch (EngineException e)
        {
            throw ToRpcException(e, context);
        }
    }
}
