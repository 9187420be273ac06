// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// A connection pool to one gRPC server and the entry point for calls. It owns one
/// SocketsHttpHandler speaking HTTP/2: h2c with prior knowledge for <c>http://</c>, TLS with
/// ALPN for <c>https://</c>. A connection carries as many calls as the server's stream limit
/// allows, then the handler opens another. Create one channel per server and share it.
/// </summary>
public sealed partial class GrpcChannel : CallInvoker, IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize ?? int.MaxValue;
        MaxSendMessageSize = options.MaxSendMessageSize;
        CompressRequests = options.CompressRequests;
        DefaultHeaders = options.DefaultHeaders;
        UserAgent = options.UserAgent;

        // HttpMessageInvoker rather than HttpClient: HttpClient's timeout and buffering layer adds a
        // linked token source per call, and gRPC brings its own deadlines.
        _invoker = options.HttpHandler is { } handler
            ? new HttpMessageInvoker(handler, disposeHandler: false)
            : new HttpMessageInvoker(CreateHandler(address, options), disposeHandler: true);
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public Uri Address { get; }

    internal int MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal bool CompressRequests { get; }

    internal Metadata? DefaultHeaders { get; }

    internal string UserAgent { get; }

    /// <summary>A channel to <c>http://host:port</c> (h2c) or <c>https://host:port</c> (TLS).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return ForAddress(new Uri(address, UriKind.Absolute), options);
    }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"A gRPC address is http:// or https://, not '{address}'.", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public override AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        TRequest request,
        CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new GrpcCall<TRequest, TResponse>(this, method, options).StartUnary(request);
    }

    public override AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        TRequest request,
        CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new GrpcCall<TRequest, TResponse>(this, method, options).StartServerStreaming(request);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new GrpcCall<TRequest, TResponse>(this, method, options).StartClientStreaming();
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method,
        CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new GrpcCall<TRequest, TResponse>(this, method, options).StartDuplexStreaming();
    }

    /// <summary>Closes the connections; calls still running fail.</summary>
    public void Dispose()
    {
        _disposed = true;
        _invoker.Dispose();
    }

    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    /// <summary>The request URI of a method path, parsed once per method.</summary>
    internal Uri GetUri(string path) =>
        _uris.GetOrAdd(path, static (p, address) => new Uri(address, p), Address);
}
