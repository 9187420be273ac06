// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// Starts calls. <see cref="GrpcChannel"/> is the real one; tests and interceptors can stand in
/// for it. Shaped like Grpc.Core's CallInvoker, so generated-style clients work over either.
/// </summary>
public abstract class CallInvoker
{
    public abstract AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        TRequest request,
        CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    public abstract AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        TRequest request,
        CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    public abstract AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    public abstract AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;

    /// <summary>
    /// A unary call when only the response matters. The call releases its resources when it ends,
    /// so nothing needs disposing; cancel it through <see cref="CallOptions.CancellationToken"/>.
    /// </summary>
    public Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        TRequest request,
        CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        UnaryCall(method, request, options).ResponseAsync;
}
