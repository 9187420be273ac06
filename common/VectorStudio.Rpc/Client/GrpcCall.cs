// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// One call over HTTP/2, shared by the four call shapes. Its life:
/// <code>
///   created ──SendAsync──► headers received ──read messages──► trailers ──► finished(status)
///      │                        │                    │
///      └── deadline, caller's token, Dispose, transport or protocol error ──► finished(error)
/// </code>
/// <see cref="Finish"/> runs once; whoever reaches it first decides the status. Failure cancels the
/// call's token and disposes the response, which resets the HTTP/2 stream (RST_STREAM CANCEL).
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    // CancelAfter takes at most about 49 days; a longer deadline runs no timer.
    private static readonly TimeSpan MaxTimerDeadline = TimeSpan.FromDays(40);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly bool _compress;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _callerRegistration;
    private CancellationTokenRegistration _deadlineRegistration;
    private int _cancelReason;
    private int _finishing;
    private volatile bool _finished;
    private Status _status;
    private Metadata? _trailers;
    private RpcException? _failure;
    private Task _start = Task.CompletedTask;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _compress = options.Compress ?? channel.CompressRequests;
        if (options.Timeout is { } timeout)
        {
            _deadlineRegistration = _cts.Token.UnsafeRegister(
                static s => ((GrpcCall<TRequest, TResponse>)s!).OnCancelled(), this);
            if (timeout <= TimeSpan.Zero)
            {
                _cts.Cancel();
            }
            else if (timeout < MaxTimerDeadline)
            {
                _cts.CancelAfter(timeout);
            }
        }

        _callerRegistration = RegisterCaller(options.CancellationToken);
    }

    private enum CancelReason
    {
        None = 0,
        Caller = 1,
        Disposed = 2,
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public AsyncUnaryCall<TResponse> StartUnary(TRequest request)
    {
        var response = StartWithMessage(request) ? ReadSingleResponseAsync() : Task.FromException<TResponse>(_failure!);
        return new AsyncUnaryCall<TResponse>(response, ResponseHeadersAsync, GetStatus, GetTrailers, Dispose);
    }

    public AsyncServerStreamingCall<TResponse> StartServerStreaming(TRequest request)
    {
        StartWithMessage(request);
        return new AsyncServerStreamingCall<TResponse>(
            new ResponseStreamReader<TRequest, TResponse>(this), ResponseHeadersAsync, GetStatus, GetTrailers, Dispose);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> StartClientStreaming()
    {
        var writer = StartWithStream();
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            writer, ReadSingleResponseAsync(), ResponseHeadersAsync, GetStatus, GetTrailers, Dispose);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> StartDuplexStreaming()
    {
        var writer = StartWithStream();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            writer,
            new ResponseStreamReader<TRequest, TResponse>(this),
            ResponseHeadersAsync,
            GetStatus,
            GetTrailers,
            Dispose);
    }

    public Status GetStatus() =>
        _finished ? _status : throw new InvalidOperationException("The call has not finished yet.");

    public Metadata GetTrailers() =>
        _finished ? _trailers! : throw new InvalidOperationException("The call has not finished yet.");

    /// <summary>Cancels a call that is still running; a finished call is left as it is.</summary>
    public void Dispose() => Cancel(CancelReason.Disposed);

    private void Cancel(CancelReason reason)
    {
        if (Volatile.Read(ref _finishing) != 0)
        {
            return;
        }

        Interlocked.CompareExchange(ref _cancelReason, (int)reason, (int)CancelReason.None);
        Finish(CancelStatus(), new Metadata());
    }

    /// <summary>The deadline timer fired (or a cancel is under way: then the status is already set).</summary>
    private void OnCancelled() => Finish(CancelStatus(), new Metadata());

    /// <summary>Lets a caller's token cancel the whole call.</summary>
    private CancellationTokenRegistration RegisterCaller(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(
                static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(CancelReason.Caller), this)
            : default;

    private Status CancelStatus() => (CancelReason)Volatile.Read(ref _cancelReason) switch
    {
        CancelReason.None => new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"),
        CancelReason.Caller => new Status(StatusCode.Cancelled, "Call canceled by the client."),
        CancelReason.Disposed => new Status(StatusCode.Cancelled, "The call was disposed."),
    };

    /// <summary>Finishes the call with the status an exception stands for and returns what callers throw.</summary>
    private RpcException Fail(Exception exception)
    {
        if (!_finished)
        {
            var status = exception is not RpcException && _cts.IsCancellationRequested
                ? CancelStatus()
                : StatusMapping.FromException(exception, _channel.Address);
            var trailers = exception is RpcException rpc ? rpc.Trailers : new Metadata();
            Finish(status, trailers, exception);
        }

        return _failure
            ?? new RpcException(new Status(StatusCode.Internal, exception.Message), new Metadata(), exception);
    }

    private void Finish(Status status, Metadata trailers, Exception? cause = null)
    {
        if (Interlocked.Exchange(ref _finishing, 1) != 0)
        {
            return;
        }

        _status = status;
        _trailers = trailers;
        var ok = status.StatusCode == StatusCode.OK;
        if (!ok)
        {
            _failure = new RpcException(status, trailers, cause is RpcException ? null : cause);
        }

        _finished = true;
        if (ok)
        {
            _headers.TrySetResult(new Metadata());
            _requestContent?.Complete();
        }
        else
        {
            if (_headers.TrySetException(_failure!))
            {
                // Observed here: callers that never look at the headers raise no unobserved-task event.
                _ = _headers.Task.Exception;
            }

            _requestContent?.Abort(_failure!);
            CancelTransport();
        }

        // Unregister, not Dispose: Finish may run inside one of these callbacks, and Dispose would wait for it.
        _callerRegistration.Unregister();
        _deadlineRegistration.Unregister();
        _cts.CancelAfter(Timeout.InfiniteTimeSpan);
        _response?.Dispose();
    }

    private void CancelTransport()
    {
        try
        {
            _cts.Cancel();
        }
        catch (AggregateException)
        {
            // A transport callback failed while aborting; the call is over either way.
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure && _finished)
        {
            throw failure;
        }
    }
}
