// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// The parts every call object shares: response headers, and the status and trailers that are
/// known once the call has ended. Disposing a call that is still running cancels it.
/// </summary>
public abstract class CallBase : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    private protected CallBase(Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    /// <summary>The response headers (empty for a trailers-only response).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call's status. Throws <see cref="InvalidOperationException"/> before the call has ended.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The call's trailers. Throws <see cref="InvalidOperationException"/> before the call has ended.</summary>
    public Metadata GetTrailers() => _getTrailers();

    public void Dispose()
    {
        _dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A unary call in flight; await it for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : CallBase
{
    public AsyncUnaryCall(
        Task<TResponse> responseAsync,
        Task<Metadata> responseHeadersAsync,
        Func<Status> getStatus,
        Func<Metadata> getTrailers,
        Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose) => ResponseAsync = responseAsync;

    /// <summary>The response; faults with <see cref="RpcException"/> when the call fails.</summary>
    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

/// <summary>A call with a request stream and one response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse> : CallBase
{
    public AsyncClientStreamingCall(
        IClientStreamWriter<TRequest> requestStream,
        Task<TResponse> responseAsync,
        Task<Metadata> responseHeadersAsync,
        Func<Status> getStatus,
        Func<Metadata> getTrailers,
        Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

/// <summary>A call with one request and a response stream.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : CallBase
{
    public AsyncServerStreamingCall(
        IAsyncStreamReader<TResponse> responseStream,
        Task<Metadata> responseHeadersAsync,
        Func<Status> getStatus,
        Func<Metadata> getTrailers,
        Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose) => ResponseStream = responseStream;

    /// <summary>The responses; the reader throws <see cref="RpcException"/> when the call ends with an error.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}

/// <summary>A call with streams both ways.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : CallBase
{
    public AsyncDuplexStreamingCall(
        IClientStreamWriter<TRequest> requestStream,
        IAsyncStreamReader<TResponse> responseStream,
        Task<Metadata> responseHeadersAsync,
        Func<Status> getStatus,
        Func<Metadata> getTrailers,
        Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}
