// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Server.Internal;

/// <summary>
/// One call on Kestrel: the handler's view of it (<see cref="ServerCallContext"/>) and the state the
/// dispatcher needs to answer it. Request metadata, trailers and user state are built on first use,
/// so a call that never looks at them allocates only this object.
/// </summary>
/// <remarks>
/// Cancellation: without a deadline the handler's token is the request's own abort token. With one,
/// a linked source is cancelled by either the deadline timer or the abort, and
/// <see cref="DeadlineExceeded"/> says which fired first.
/// </remarks>
internal sealed partial class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcServer _server;
    private readonly string _method;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _userState;
    private CancellationTokenSource? _deadlineSource;
    private ITimer? _deadlineTimer;
    private CancellationTokenRegistration _abortRegistration;
    private DateTimeOffset? _deadline;
    private volatile bool _deadlineExceeded;

    public HttpServerCallContext(HttpContext http, GrpcServer server, string method)
    {
        _http = http;
        _server = server;
        _method = method;
    }

    public override string Method => _method;

    public override string Peer => FormatPeer(_http.Connection);

    public override DateTimeOffset? Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromRequest(_http.Request.Headers);

    public override CancellationToken CancellationToken => _deadlineSource?.Token ?? _http.RequestAborted;

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override bool IsSecure => _http.Request.IsHttps;

    public override IDictionary<object, object?> UserState => _userState ??= [];

    public HttpContext HttpContext => _http;

    public GrpcServerOptions Options => _server.Options;

    public PipeReader BodyReader => _http.Request.BodyReader;

    /// <summary>Whether request messages flagged as compressed are gzip (the only codec we accept).</summary>
    public bool RequestIsGzip { get; private set; }

    public bool DeadlineExceeded => _deadlineExceeded;

    public bool ClientAborted => _http.RequestAborted.IsCancellationRequested;

    /// <summary>
    /// Reads the call's protocol headers: encoding and deadline. Returns the status to fail the call
    /// with before its handler runs, or null to go on.
    /// </summary>
    public Status? Start()
    {
        var headers = _http.Request.Headers;
        var encoding = headers.GrpcEncoding;
        if (encoding.Count > 0)
        {
            var value = encoding.ToString();
            if (value.Equals(GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
            {
                RequestIsGzip = true;
            }
            else if (!value.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
            {
                return new Status(
                    StatusCode.Unimplemented,
                    $"Unsupported grpc-encoding '{value}'; this server accepts "
                    + $"{MessageCompression.AcceptedEncodings}.");
            }
        }

        var compress = RequestIsGzip || Options.ResponseCompressionAlgorithm is not null;
        CompressResponse = compress && MessageCompression.AcceptsGzip(headers.GrpcAcceptEncoding.ToString());

        var timeoutHeader = headers.GrpcTimeout;
        // A malformed grpc-timeout is ignored, as gRPC C-core does: the call runs without a deadline.
        if (timeoutHeader.Count > 0 && GrpcTimeout.TryParse(timeoutHeader.ToString(), out var timeout))
        {
            return StartDeadline(timeout);
        }

        return null;
    }

    public void Dispose()
    {
        _deadlineTimer?.Dispose();
        _abortRegistration.Dispose();
        _deadlineSource?.Dispose();
    }

    private Status? StartDeadline(TimeSpan timeout)
    {
        var time = Options.TimeProvider;
        _deadline = time.GetUtcNow() + timeout;
        if (timeout <= TimeSpan.Zero)
        {
            _deadlineExceeded = true;
            return DeadlineStatus;
        }

        // ITimer takes at most uint.MaxValue - 1 ms (~49 days); a longer deadline never fires in practice.
        if (timeout.TotalMilliseconds >= uint.MaxValue - 1)
        {
            return null;
        }

        _deadlineSource = new CancellationTokenSource();
        _abortRegistration = _http.RequestAborted.UnsafeRegister(
            static state => ((CancellationTokenSource)state!).Cancel(),
            _deadlineSource);
        _deadlineTimer = time.CreateTimer(
            static state => ((HttpServerCallContext)state!).OnDeadline(),
            this,
            timeout,
            Timeout.InfiniteTimeSpan);
        return null;
    }

    private void OnDeadline()
    {
        if (_http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        _deadlineExceeded = true;
        try
        {
            _deadlineSource?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended as the timer fired: nothing left to cancel.
        }
    }

    private static string FormatPeer(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"ipv6:[{address}]:{connection.RemotePort}"
            : $"ipv4:{address}:{connection.RemotePort}";
    }
}
