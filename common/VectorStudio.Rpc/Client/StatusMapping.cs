// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;

namespace VectorStudio.Rpc.Client;

/// <summary>
/// How the client turns what HTTP/2 tells it into gRPC statuses: HTTP statuses of responses that
/// are not gRPC (grpc/grpc doc/http-grpc-status-mapping.md), RST_STREAM error codes
/// (PROTOCOL-HTTP2.md, "Errors") and transport exceptions.
/// </summary>
internal static class StatusMapping
{
    public static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests => StatusCode.Unavailable,
        HttpStatusCode.BadGateway => StatusCode.Unavailable,
        HttpStatusCode.ServiceUnavailable => StatusCode.Unavailable,
        HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static StatusCode FromHttp2ErrorCode(long code) => code switch
    {
        0x7 => StatusCode.Unavailable, // REFUSED_STREAM: the server never processed it, safe to retry
        0x8 => StatusCode.Cancelled, // CANCEL
        0xb => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
        _ => StatusCode.Internal, // NO_ERROR before trailers, PROTOCOL_ERROR, INTERNAL_ERROR, ...
    };

    /// <summary>The status for a transport failure that was not caused by our own cancellation.</summary>
    public static Status FromException(Exception exception, Uri target)
    {
        switch (exception)
        {
            case RpcException rpc:
                return rpc.Status;
            case HttpProtocolException protocol:
                return new Status(FromHttp2ErrorCode(protocol.ErrorCode), protocol.Message);
            case HttpRequestException { InnerException: HttpProtocolException protocol }:
                return new Status(FromHttp2ErrorCode(protocol.ErrorCode), protocol.Message);
            case HttpRequestException request:
                return new Status(
                    StatusCode.Unavailable, $"Error connecting to {target.Authority}: {Describe(request)}");
            // Before IOException, which it derives from.
            case Google.Protobuf.InvalidProtocolBufferException parse:
                return new Status(StatusCode.Internal, $"Failed to parse a response message: {parse.Message}");
            case IOException io:
                return new Status(StatusCode.Unavailable, $"Connection to {target.Authority} failed: {Describe(io)}");
            case ObjectDisposedException:
                return new Status(StatusCode.Unavailable, "The channel was disposed.");
            case OperationCanceledException:
                return new Status(StatusCode.Cancelled, "The transport cancelled the call.");
            default:
                return new Status(
                    StatusCode.Internal, $"Error in the gRPC call: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>The message and, where the transport wraps one, the socket error under it.</summary>
    private static string Describe(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return $"{exception.Message} (socket error {socket.SocketErrorCode}: {socket.Message})";
            }
        }

        return exception.InnerException is null
            ? exception.Message
            : $"{exception.Message} ({exception.InnerException.Message})";
    }
}
