// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;

namespace VectorStudio.ShardNode.Services;

/// <summary>
/// Refuses every data call with UNAVAILABLE until recovery has rebuilt the database, so no client reads a
/// half-recovered state or writes into it. Health and reflection stay open (health says NOT_SERVING).
/// </summary>
public sealed class RecoveryGateInterceptor : ServerInterceptor
{
    private volatile bool _open;

    /// <summary>Lets data calls through (recovery finished).</summary>
    public void Open() => _open = true;

    public override Task InterceptAsync(ServerCallContext context, Func<Task> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (_open || context.Method.StartsWith("/grpc.", StringComparison.Ordinal))
        {
            return continuation();
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "the node is recovering its data (snapshots and write-ahead log); retry shortly"));
    }
}
