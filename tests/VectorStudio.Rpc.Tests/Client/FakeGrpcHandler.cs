// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>
/// An HTTP handler that answers every call with a canned response and keeps the last request and
/// its body, for the protocol corners a real server does not produce on demand.
/// </summary>
internal sealed class FakeGrpcHandler(Func<CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public FakeGrpcHandler(Func<HttpResponseMessage> respond)
        : this(_ => Task.FromResult(respond()))
    {
    }

    public HttpRequestMessage? LastRequest { get; private set; }

    public byte[] LastBody { get; private set; } = [];

    /// <summary>A 200 gRPC response with these body bytes and trailers.</summary>
    public static HttpResponseMessage Response(byte[] body, params (string Key, string Value)[] trailers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        foreach (var (key, value) in trailers)
        {
            response.TrailingHeaders.TryAddWithoutValidation(key, value);
        }

        return response;
    }

    /// <summary>A length-prefixed frame holding <paramref name="message"/>.</summary>
    public static byte[] Frame(IMessage message, bool compressedFlag = false)
    {
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        frame[0] = compressedFlag ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
        bytes.CopyTo(frame, 5);
        return frame;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        LastBody = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return await respond(cancellationToken);
    }
}
