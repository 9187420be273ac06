// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Server.Internal;

internal sealed class ClientStreamingCallHandler<TRequest, TResponse>(
    GrpcServer server,
    ClientStreamingBinding<TRequest, TResponse> binding)
    : ServerCallHandler(server, binding.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool HasRequestStream => true;

    protected override bool HasSingleResponse => true;

    protected override async Task InvokeAsync(HttpServerCallContext call)
    {
        var reader = new RequestStreamReader<TRequest>(call, binding.Method.RequestParser);
        var response = await binding.Handler(reader, call).ConfigureAwait(false);
        if (call.Status.StatusCode == StatusCode.OK && !call.DeadlineExceeded)
        {
            call.WriteMessage(response);
        }
    }
}
