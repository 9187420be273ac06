// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Server.Internal;

internal sealed class DuplexStreamingCallHandler<TRequest, TResponse>(
    GrpcServer server,
    DuplexStreamingBinding<TRequest, TResponse> binding)
    : ServerCallHandler(server, binding.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    protected override bool HasRequestStream => true;

    protected override bool HasSingleResponse => false;

    protected override Task InvokeAsync(HttpServerCallContext call) =>
        binding.Handler(
            new RequestStreamReader<TRequest>(call, binding.Method.RequestParser),
            new ResponseStreamWriter<TResponse>(call),
            call);
}
