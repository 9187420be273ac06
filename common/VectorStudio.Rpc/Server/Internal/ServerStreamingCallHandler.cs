// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Server.Internal;

internal sealed class ServerStreamingCallHandler<TRequest, TResponse>(
    GrpcServer server,
    ServerStreamingBinding<TRequest, TResponse> binding)
    : ServerCallHandler(server, binding.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool HasRequestStream => false;

    protected override bool HasSingleResponse => false;

    protected override async Task InvokeAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleAsync(call, binding.Method.RequestParser).ConfigureAwait(false);
        await binding.Handler(request, new ResponseStreamWriter<TResponse>(call), call).ConfigureAwait(false);
    }
}
