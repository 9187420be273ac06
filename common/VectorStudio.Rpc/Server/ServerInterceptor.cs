// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Server;

/// <summary>
/// Wraps every call the server dispatches, whatever its shape: authentication, logging and
/// metrics live here. Interceptors run in registration order, each around the next; one that
/// throws an <see cref="RpcException"/> (or does not call <c>continuation</c>) ends
/// the call with that status before the handler runs.
/// </summary>
public abstract class ServerInterceptor
{
    public abstract Task InterceptAsync(ServerCallContext context, Func<Task> continuation);
}
