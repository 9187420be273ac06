// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using Microsoft.Extensions.Logging;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Server.Internal;

/// <summary>The response side of a call: headers, messages and the closing status.</summary>
internal sealed partial class HttpServerCallContext
{
    private static readonly Status DeadlineStatus = new(StatusCode.DeadlineExceeded, "Deadline exceeded.");

    private bool _responseStarted;
    private int _writing;

    /// <summary>Whether response messages are gzip-compressed (decided once from the request headers).</summary>
    public bool CompressResponse { get; private set; }

    /// <summary>Whether at least one response message has been written.</summary>
    public bool MessageWritten { get; private set; }

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (_responseStarted)
        {
            throw new InvalidOperationException("Response headers have already been sent.");
        }

        MetadataHeaders.AddTo(_http.Response.Headers, responseHeaders);
        StartResponse();
        return _http.Response.BodyWriter.FlushAsync(CancellationToken).AsTask();
    }

    /// <summary>Writes one message into the response body without flushing it.</summary>
    public void WriteMessage<T>(T message)
        where T : IMessage<T>
    {
        StartResponse();
        MessageFraming.Write(_http.Response.BodyWriter, message, CompressResponse, Options.MaxSendMessageSize);
        MessageWritten = true;
    }

    /// <summary>Writes and flushes one message of a response stream.</summary>
    public async Task WriteStreamMessageAsync<T>(T message, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            throw new InvalidOperationException("A previous write on this response stream is still in progress.");
        }

        try
        {
            CancellationToken.ThrowIfCancellationRequested();
            WriteMessage(message);
            var token = cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken;
            var result = await _http.Response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
            if (result.IsCanceled || result.IsCompleted)
            {
                CancellationToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException("The client stopped reading the response stream.");
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Ends a call whose handler returned: the status it set, unless the deadline passed.</summary>
    public void Complete()
    {
        var status = _deadlineExceeded ? DeadlineStatus : Status;
        Finish(status, _responseTrailers);
    }

    /// <summary>Ends the call with the status this exception stands for.</summary>
    public void Complete(Exception exception)
    {
        Metadata? trailers = _responseTrailers;
        Status status;
        if (_deadlineExceeded)
        {
            status = DeadlineStatus;
        }
        else if (exception is RpcException rpc)
        {
            status = rpc.Status;
            trailers = Merge(trailers, rpc.Trailers);
        }
        else if (ClientAborted || exception is OperationCanceledException)
        {
            status = new Status(StatusCode.Cancelled, "The call was cancelled.");
        }
        else
        {
            _server.Logger.LogError(exception, "gRPC handler for {Method} threw.", _method);
            status = new Status(StatusCode.Unknown, "Exception was thrown by handler.");
        }

        Finish(status, trailers);
    }

    private void StartResponse()
    {
        if (_responseStarted)
        {
            return;
        }

        _responseStarted = true;
        var headers = _http.Response.Headers;
        headers.ContentType = GrpcProtocol.ContentType;
        headers.GrpcAcceptEncoding = MessageCompression.AcceptedEncodings;
        if (CompressResponse)
        {
            headers.GrpcEncoding = GrpcProtocol.GzipEncoding;
        }
    }

    private void Finish(Status status, Metadata? trailers)
    {
        if (ClientAborted)
        {
            // Nobody reads this answer: the stream is already reset.
            return;
        }

        if (_responseStarted)
        {
            CallCompletion.WriteTrailers(_http, status, trailers);
        }
        else
        {
            CallCompletion.WriteTrailersOnly(_http.Response, status, trailers);
        }
    }

    private static Metadata? Merge(Metadata? first, Metadata second)
    {
        if (second.Count == 0)
        {
            return first;
        }

        if (first is null || first.Count == 0)
        {
            return second;
        }

        var merged = new Metadata();
        foreach (var entry in first)
        {
            merged.Add(entry);
        }

        foreach (var entry in second)
        {
            merged.Add(entry);
        }

        return merged;
    }
}
