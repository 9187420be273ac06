// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using System.Net;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Client;

/// <summary>The request side: headers, the single framed message or the pushed request stream.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private PushRequestContent? _requestContent;

    /// <summary>Frames the request and sends the call; false when it failed before anything was sent.</summary>
    private bool StartWithMessage(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] frame;
        try
        {
            frame = MessageFraming.Frame(request, _compress, _channel.MaxSendMessageSize);
        }
        catch (RpcException e)
        {
            Fail(e);
            return false;
        }

        if (_finished)
        {
            return false;
        }

        _start = StartAsync(CreateRequest(new UnaryRequestContent(frame)));
        return true;
    }

    private ClientStreamWriter<TRequest, TResponse> StartWithStream()
    {
        _requestContent = new PushRequestContent();
        if (_finished)
        {
            // Finished before the content existed (an expired deadline, a cancelled token): fail its writes too.
            _requestContent.Abort(_failure!);
        }
        else
        {
            _start = StartAsync(CreateRequest(_requestContent));
        }

        return new ClientStreamWriter<TRequest, TResponse>(this);
    }

    private HttpRequestMessage CreateRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetUri(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        headers.TryAddWithoutValidation(GrpcProtocol.UserAgentHeader, _channel.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, MessageCompression.AcceptedEncodings);
        if (_compress)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.GzipEncoding);
        }

        if (_options.Timeout is { } timeout)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        if (_channel.DefaultHeaders is { } defaults)
        {
            MetadataHeaders.AddTo(headers, defaults);
        }

        if (_options.Headers is { } metadata)
        {
            MetadataHeaders.AddTo(headers, metadata);
        }

        return request;
    }

    /// <summary>Writes one message to the request stream and flushes it to the connection.</summary>
    internal async Task WriteMessageAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (_finished)
        {
            throw (Exception?)_failure ?? new InvalidOperationException("The call has already finished.");
        }

        var registration = RegisterCaller(cancellationToken);
        byte[]? frame = null;
        try
        {
            var stream = await _requestContent!.StreamAsync.WaitAsync(_cts.Token).ConfigureAwait(false);
            frame = MessageFraming.FramePooled(message, _compress, _channel.MaxSendMessageSize, out var length);
            await stream.WriteAsync(frame.AsMemory(0, length), _cts.Token).ConfigureAwait(false);
            await stream.FlushAsync(_cts.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw WriteFailure(e);
        }
        finally
        {
            if (frame is not null)
            {
                ArrayPool<byte>.Shared.Return(frame);
            }

            registration.Unregister();
        }
    }

    /// <summary>Half-closes the request stream (END_STREAM).</summary>
    internal void CompleteRequest() => _requestContent!.Complete();

    private Exception WriteFailure(Exception exception)
    {
        if (_finished)
        {
            return (Exception?)_failure ?? new InvalidOperationException("The call has already finished.");
        }

        if (exception is RpcException || _cts.IsCancellationRequested)
        {
            return Fail(exception);
        }

        // The request stream broke (typically the server ended the call early). The response side
        // still reads the server's status, so this write fails without deciding the call's status.
        var status = StatusMapping.FromException(exception, _channel.Address);
        return new RpcException(
            new Status(status.StatusCode, $"Error writing a request message: {status.Detail}"),
            new Metadata(),
            exception);
    }
}
