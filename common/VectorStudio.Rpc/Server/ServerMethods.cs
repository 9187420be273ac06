// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Server;

/// <summary>Serves a unary call.</summary>
public delegate Task<TResponse> UnaryServerMethod<in TRequest, TResponse>(
    TRequest request,
    ServerCallContext context);

/// <summary>Serves a call with a request stream and one response.</summary>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream,
    ServerCallContext context);

/// <summary>Serves a call with one request and a response stream.</summary>
public delegate Task ServerStreamingServerMethod<in TRequest, TResponse>(
    TRequest request,
    IServerStreamWriter<TResponse> responseStream,
    ServerCallContext context);

/// <summary>Serves a call with streams both ways.</summary>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream,
    IServerStreamWriter<TResponse> responseStream,
    ServerCallContext context);
