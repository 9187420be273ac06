// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Server.Internal;

internal sealed class UnaryCallHandler<TRequest, TResponse>(
    GrpcServer server,
    UnaryBinding<TRequest, TResponse> binding)
    : ServerCallHandler(server, binding.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool HasRequestStream => false;

    protected override bool HasSingleResponse => true;

    protected override async Task InvokeAsync(HttpServerCallContext call)
    {
        var request = await ReadSingleAsync(call, binding.Method.RequestParser).ConfigureAwait(false);
        var response = await binding.Handler(request, call).ConfigureAwait(false);
        if (call.Status.StatusCode == StatusCode.OK && !call.DeadlineExceeded)
        {
            // Not flushed: Kestrel sends headers, message and trailers together when the call ends.
            call.WriteMessage(response);
        }
    }
}
