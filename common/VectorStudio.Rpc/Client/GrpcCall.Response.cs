// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Client;

/// <summary>The response side: headers, length-prefixed messages, then the status in the trailers.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    private HttpResponseMessage? _response;
    private MessageFrameReader? _reader;
    private string? _responseEncoding;
    private (Status Status, Metadata Trailers)? _trailersOnly;
    private int _reading;

    /// <summary>Sends the request and reads the response headers. Never throws: failures finish the call.</summary>
    private async Task StartAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.SendAsync(request, _cts.Token).ConfigureAwait(false);
            _response = response;
            if (_finished)
            {
                // Finished while the headers were on their way: release the stream Finish did not see.
                response.Dispose();
                return;
            }

            ReadHeaders(response);
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void ReadHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            if (!MetadataHeaders.TryReadStatus(response.Headers, out var httpStatus))
            {
                httpStatus = new Status(
                    StatusMapping.FromHttpStatus(response.StatusCode),
                    $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
            }

            throw new RpcException(httpStatus, MetadataHeaders.FromHeaders(response.Headers));
        }

        if (MetadataHeaders.TryReadStatus(response.Headers, out var status))
        {
            // Trailers-only: one HEADERS frame carries the status and the trailers; there is no body.
            _trailersOnly = (status, MetadataHeaders.FromHeaders(response.Headers));
            _headers.TrySetResult(new Metadata());
            return;
        }

        var contentType = response.Content.Headers.NonValidated.TryGetValues("content-type", out var types)
            ? types.ToString()
            : null;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(
                StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: '{contentType}'.");
        }

        _responseEncoding = response.Headers.NonValidated.TryGetValues(GrpcProtocol.EncodingHeader, out var encodings)
            ? encodings.ToString()
            : null;
        _reader = new MessageFrameReader(response.Content.ReadAsStream(_cts.Token), _channel.MaxReceiveMessageSize);
        _headers.TrySetResult(MetadataHeaders.FromHeaders(response.Headers));
    }

    /// <summary>The response of a unary or client-streaming call: exactly one message, then an OK status.</summary>
    private async Task<TResponse> ReadSingleResponseAsync()
    {
        try
        {
            await _start.ConfigureAwait(false);
            ThrowIfFailed();
            var message = await ReadMessageAsync().ConfigureAwait(false);
            if (message is null)
            {
                CompleteFromTrailers(requireMessage: true);
                throw _failure!;
            }

            if (await ReadMessageAsync().ConfigureAwait(false) is not null)
            {
                throw new RpcException(StatusCode.Internal, "The server sent more than one response message.");
            }

            CompleteFromTrailers(requireMessage: false);
            ThrowIfFailed();
            return message;
        }
        catch (Exception e)
        {
            throw Fail(e);
        }
        finally
        {
            _reader?.Release();
        }
    }

    /// <summary>The next message of a response stream; null once the stream ended with an OK status.</summary>
    internal async ValueTask<TResponse?> ReadNextAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("Only one read can be pending at a time.");
        }

        var registration = RegisterCaller(cancellationToken);
        try
        {
            await _start.ConfigureAwait(false);
            if (_finished)
            {
                ThrowIfFailed();
                return null;
            }

            var message = await ReadMessageAsync().ConfigureAwait(false);
            if (message is null)
            {
                _reader?.Release();
                CompleteFromTrailers(requireMessage: false);
                ThrowIfFailed();
            }

            return message;
        }
        catch (Exception e)
        {
            _reader?.Release();
            throw Fail(e);
        }
        finally
        {
            registration.Unregister();
            Volatile.Write(ref _reading, 0);
        }
    }

    private async ValueTask<TResponse?> ReadMessageAsync()
    {
        if (_reader is null || !await _reader.ReadAsync(_cts.Token).ConfigureAwait(false))
        {
            return null;
        }

        if (!_reader.Compressed)
        {
            return _method.ResponseParser.ParseFrom(_reader.Message.Span);
        }

        if (_responseEncoding is null || _responseEncoding == GrpcProtocol.IdentityEncoding)
        {
            throw new RpcException(
                StatusCode.Internal, "A response message is flagged compressed, but grpc-encoding names no codec.");
        }

        if (!string.Equals(_responseEncoding, GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(
                StatusCode.Internal, $"Unsupported grpc-encoding '{_responseEncoding}' in the response.");
        }

        var plain = MessageCompression.Gunzip(_reader.Message, _channel.MaxReceiveMessageSize)
            ?? throw new RpcException(
                StatusCode.ResourceExhausted,
                $"Received decompressed message larger than max ({_channel.MaxReceiveMessageSize}).");
        return _method.ResponseParser.ParseFrom(plain);
    }

    /// <summary>Ends the call with the status the server sent after the last message.</summary>
    private void CompleteFromTrailers(bool requireMessage)
    {
        Status status;
        Metadata trailers;
        if (_trailersOnly is { } only)
        {
            (status, trailers) = only;
        }
        else
        {
            var headers = _response!.TrailingHeaders;
            if (!MetadataHeaders.TryReadStatus(headers, out status))
            {
                status = new Status(StatusCode.Internal, "The response ended without a grpc-status.");
            }

            trailers = MetadataHeaders.FromHeaders(headers);
        }

        if (requireMessage && status.StatusCode == StatusCode.OK)
        {
            status = new Status(StatusCode.Internal, "The server ended the call without a response message.");
        }

        Finish(status, trailers);
    }
}
