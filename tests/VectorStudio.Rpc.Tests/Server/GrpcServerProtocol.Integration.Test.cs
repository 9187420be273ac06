// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using VectorStudio.Rpc.Tests.Infrastructure;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Server;

/// <summary>Requests that break the protocol on purpose, over a real loopback socket.</summary>
[Collection(GrpcServerCollection.Name)]
public sealed class GrpcServerProtocolIntegrationTest(TestGrpcServer server) : IDisposable
{
    private readonly RawGrpcClient _client = new(server.Port);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Unary_Should_EchoWithTrailers_When_RequestIsValid()
    {
        var response = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest { Text = "hi" }));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("application/grpc", response.ContentHeaders.ContentType?.MediaType);
        Assert.False(response.IsTrailersOnly);
        Assert.Equal("0", response.Trailers.GetValues("grpc-status").Single());
        Assert.Equal("hi", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }

    [Theory]
    [InlineData("/vectorstudio.testing.v1.InteropTest/NoSuchMethod")]
    [InlineData("/no.such.Service/Unary")]
    [InlineData("/")]
    public async Task Call_Should_AnswerUnimplementedTrailersOnly_When_MethodIsUnknown(string path)
    {
        var response = await _client.UnaryAsync(path, GrpcFrames.Frame(new EchoRequest()));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.Unimplemented, response.Code);
    }

    [Fact]
    public async Task Unary_Should_FailInternal_When_ProtobufIsMalformed()
    {
        // 0xFF... is a truncated varint tag: no protobuf parser accepts it.
        var response = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(0, [0xFF, 0xFF, 0xFF, 0xFF]));

        Assert.Equal(StatusCode.Internal, response.Code);
        Assert.Contains("parse", response.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unary_Should_FailInternal_When_LengthPrefixLies()
    {
        var data = new EchoRequest { Text = "short" }.ToByteArray();
        var response = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(0, data, declaredLength: 100));

        Assert.Equal(StatusCode.Internal, response.Code);
        Assert.Contains("Incomplete message", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_Should_FailResourceExhausted_When_MessageExceedsReceiveLimit()
    {
        var big = new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) };
        var response = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(big));

        Assert.Equal(StatusCode.ResourceExhausted, response.Code);
        Assert.Contains("4194304", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_Should_FailResourceExhausted_When_PrefixAnnouncesHugeMessage()
    {
        // Refused from the prefix alone: the server must not wait for (or buffer) 1 GB.
        var response = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(0, [1, 2, 3], declaredLength: 1 << 30));

        Assert.Equal(StatusCode.ResourceExhausted, response.Code);
    }

    [Fact]
    public async Task Unary_Should_FailInternal_When_NoMessageOrTwoMessagesArrive()
    {
        var none = await _client.UnaryAsync(Paths.Unary, []);
        var frame = GrpcFrames.Frame(new EchoRequest());
        var two = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Concat(frame, frame));

        Assert.Equal(StatusCode.Internal, none.Code);
        Assert.Equal(StatusCode.Internal, two.Code);
    }

    [Fact]
    public async Task Unary_Should_FailUnimplemented_When_EncodingIsUnknown()
    {
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(new EchoRequest()),
            ("grpc-encoding", "snappy"));

        Assert.Equal(StatusCode.Unimplemented, response.Code);
        Assert.True(response.IsTrailersOnly);
        Assert.Contains("gzip", response.HeaderOnly("grpc-accept-encoding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_Should_FailInternal_When_CompressedFlagHasNoEncoding()
    {
        var response = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest(), compress: true));

        Assert.Equal(StatusCode.Internal, response.Code);
        Assert.Contains("grpc-encoding", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_Should_CompressResponse_When_RequestIsGzip()
    {
        var payload = ByteString.CopyFromUtf8(new string('z', 5000));
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(new EchoRequest { Payload = payload }, compress: true),
            ("grpc-encoding", "gzip"),
            ("grpc-accept-encoding", "identity,gzip"));

        Assert.Equal(StatusCode.OK, response.Code);
        Assert.Equal("gzip", response.HeaderOnly("grpc-encoding"));
        var frame = Assert.Single(response.Frames);
        Assert.True(frame.Compressed);
        Assert.Equal(payload, EchoResponse.Parser.ParseFrom(frame.Data).Payload);
    }

    [Fact]
    public async Task Unary_Should_FailResourceExhausted_When_MessageInflatesPastLimit()
    {
        // 5 MiB of zeros gzip to a few KiB: small on the wire, too big once inflated.
        var bomb = new EchoRequest { Payload = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) };
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(bomb, compress: true),
            ("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.ResourceExhausted, response.Code);
        Assert.Contains("decompresses", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unary_Should_NotCompress_When_ClientDoesNotAcceptGzip()
    {
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(new EchoRequest { Text = "x" }, compress: true),
            ("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.OK, response.Code);
        Assert.Null(response.HeaderOnly("grpc-encoding"));
        Assert.False(Assert.Single(response.Frames).Compressed);
    }

    [Fact]
    public async Task Unary_Should_SendTrailersOnlyWithEncodedMessage_When_HandlerFailsFirst()
    {
        const string Detail = "bad thing: ünïcode ✓ 100%";
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(new EchoRequest { FailWithCode = (int)StatusCode.NotFound, ErrorMessage = Detail }));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.NotFound, response.Code);
        Assert.Equal("bad thing: %C3%BCn%C3%AFcode %E2%9C%93 100%25", response.RawMessage);
        Assert.Equal(Detail, response.Message);
    }

    [Fact]
    public async Task ServerStream_Should_SendStatusInTrailers_When_FailingAfterMessages()
    {
        var request = new StreamRequest { Count = 2, FailWithCode = (int)StatusCode.Aborted, ErrorMessage = "late" };
        var response = await _client.UnaryAsync(Paths.ServerStream, GrpcFrames.Frame(request));

        Assert.False(response.IsTrailersOnly);
        Assert.Equal(2, response.Frames.Count);
        Assert.Equal("10", response.Trailers.GetValues("grpc-status").Single());
        Assert.Equal("late", response.Message);
    }

    [Fact]
    public async Task Metadata_Should_DecodeBinaryValues_When_PaddingIsPresentOrMissing()
    {
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(new EchoRequest()),
            ("x-echo-padded-bin", "AAEC+v8="),
            ("x-echo-unpadded-bin", "AAEC+v8"),
            ("x-echo-plain", "v"));

        var echoed = Assert.Single(response.Messages(EchoResponse.Parser)).EchoedMetadata;
        Assert.Equal(["x-echo-padded-bin=AAEC+v8=", "x-echo-plain=v", "x-echo-unpadded-bin=AAEC+v8="], echoed);
        // Written back unpadded, as PROTOCOL-HTTP2 recommends.
        Assert.Equal("AAEC+v8", response.HeaderOnly("x-echo-padded-bin"));
        Assert.Equal("AAEC+v8", response.Trailers.GetValues("x-echo-padded-bin").Single());
    }

    [Fact]
    public async Task Request_Should_Get405_When_GetOverHttp2()
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/", null, null, []);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.HttpStatus);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Request_Should_Get415_When_ContentTypeIsNotGrpc()
    {
        var response = await _client.SendAsync(
            HttpMethod.Post,
            Paths.Unary,
            new StringContent("hello"),
            "text/plain",
            []);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        await AssertServerStillServesAsync();
    }

    [Fact]
    public async Task Request_Should_BeRefusedCleanly_When_Http11ReachesH2cPort()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // Kestrel answers an HTTP/1.1 request on an HTTP/2-only endpoint with a GOAWAY and closes.
        while (await stream.ReadAsync(buffer, timeout.Token) > 0)
        {
        }

        await AssertServerStillServesAsync();
    }

    private async Task AssertServerStillServesAsync()
    {
        using var fresh = new RawGrpcClient(server.Port);
        var response = await fresh.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest { Text = "still" }));
        Assert.Equal(StatusCode.OK, response.Code);
    }
}
