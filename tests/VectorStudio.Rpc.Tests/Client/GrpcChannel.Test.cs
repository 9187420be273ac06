// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using Google.Protobuf;
using VectorStudio.Rpc.Client;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>The client's protocol handling against canned HTTP responses.</summary>
public sealed class GrpcChannelTests
{
    private static readonly EchoResponse Hello = new() { Text = "hello" };

    [Theory]
    [InlineData(HttpStatusCode.NotFound, StatusCode.Unimplemented)]
    [InlineData(HttpStatusCode.ServiceUnavailable, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.TooManyRequests, StatusCode.Unavailable)]
    [InlineData(HttpStatusCode.Unauthorized, StatusCode.Unauthenticated)]
    [InlineData(HttpStatusCode.Forbidden, StatusCode.PermissionDenied)]
    [InlineData(HttpStatusCode.BadRequest, StatusCode.Internal)]
    [InlineData(HttpStatusCode.InternalServerError, StatusCode.Unknown)]
    public async Task UnaryCall_Should_MapHttpStatus_When_ResponseIsNotGrpc(HttpStatusCode http, StatusCode expected)
    {
        var error = await CallAsync(() => new HttpResponseMessage(http));

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(((int)http).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail);
    }

    [Fact]
    public async Task UnaryCall_Should_SendGrpcRequestHeaders_When_CallHasTimeoutAndMetadata()
    {
        using var handler = OkHandler();
        using var channel = Channel(handler);
        var headers = new Metadata().Add("x-trace", "abc").Add("x-key-bin", [1, 2, 3, 4]);

        await channel.UnaryAsync(
            InteropMethods.Unary, new EchoRequest { Text = "hi" }, new CallOptions(headers, TimeSpan.FromSeconds(2)));
        var request = handler.LastRequest!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(HttpVersion.Version20, request.Version);
        Assert.Equal("/vectorstudio.testing.v1.InteropTest/Unary", request.RequestUri!.AbsolutePath);
        Assert.Equal("trailers", Header(request, "te"));
        Assert.Equal("application/grpc", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("identity,gzip", Header(request, "grpc-accept-encoding"));
        Assert.StartsWith("vectorstudio-dotnet/", Header(request, "user-agent"), StringComparison.Ordinal);
        Assert.Equal("2000000u", Header(request, "grpc-timeout"));
        Assert.Equal("abc", Header(request, "x-trace"));
        Assert.Equal("AQIDBA", Header(request, "x-key-bin"));
        Assert.Null(Header(request, "grpc-encoding"));
        Assert.Equal(FakeGrpcHandler.Frame(new EchoRequest { Text = "hi" }), handler.LastBody);
    }

    [Fact]
    public async Task UnaryCall_Should_SendGzipFrame_When_CompressionIsRequested()
    {
        using var handler = OkHandler();
        using var channel = Channel(handler);
        var request = new EchoRequest { Payload = ByteString.CopyFrom(new byte[10_000]) };

        await channel.UnaryAsync(InteropMethods.Unary, request, new CallOptions(Compress: true));

        Assert.Equal("gzip", Header(handler.LastRequest!, "grpc-encoding"));
        Assert.Equal(1, handler.LastBody[0]);
        var plain = VectorStudio.Rpc.Protocol.MessageCompression.Gunzip(handler.LastBody.AsMemory(5), int.MaxValue)!;
        Assert.Equal(request, EchoRequest.Parser.ParseFrom(plain));
    }

    [Fact]
    public async Task UnaryCall_Should_ReportStatusAndTrailers_When_ResponseIsTrailersOnly()
    {
        var error = await CallAsync(() =>
        {
            var response = FakeGrpcHandler.Response([]);
            response.Headers.TryAddWithoutValidation("grpc-status", "7");
            response.Headers.TryAddWithoutValidation("grpc-message", "no%20way");
            response.Headers.TryAddWithoutValidation("x-reason", "policy");
            return response;
        });

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("no way", error.Status.Detail);
        Assert.Equal("policy", error.Trailers.GetValue("x-reason"));
    }

    [Fact]
    public async Task UnaryCall_Should_DecodeBinaryTrailers_When_Base64IsUnpadded()
    {
        using var handler = new FakeGrpcHandler(() => FakeGrpcHandler.Response(
            FakeGrpcHandler.Frame(Hello), ("grpc-status", "0"), ("x-id-bin", "AQID/w"), ("x-list-bin", "AQ,AgM=")));
        using var channel = Channel(handler);

        using var call = channel.UnaryCall(InteropMethods.Unary, new EchoRequest());
        Assert.Equal("hello", (await call).Text);
        var trailers = call.GetTrailers();

        Assert.Equal([1, 2, 3, 255], trailers.GetValueBytes("x-id-bin"));
        Assert.Equal([[1], [2, 3]], trailers.GetAll("x-list-bin").Select(e => e.ValueBytes));
    }

    [Fact]
    public async Task UnaryCall_Should_FailInternal_When_CompressedFlagHasNoEncoding()
    {
        var error = await CallAsync(() =>
            FakeGrpcHandler.Response(FakeGrpcHandler.Frame(Hello, compressedFlag: true), ("grpc-status", "0")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_FailInternal_When_BodyEndsInsideAMessage()
    {
        var error = await CallAsync(() =>
            FakeGrpcHandler.Response(FakeGrpcHandler.Frame(Hello)[..^2], ("grpc-status", "0")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_FailInternal_When_TrailersLackStatus()
    {
        var error = await CallAsync(() => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(Hello)));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_FailInternal_When_OkCarriesNoMessage()
    {
        var error = await CallAsync(() => FakeGrpcHandler.Response([], ("grpc-status", "0")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_FailInternal_When_ContentTypeIsNotGrpc()
    {
        var error = await CallAsync(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html/>") };
            return response;
        });

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("content-type", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryCall_Should_FailResourceExhaustedUnsent_When_RequestExceedsSendLimit()
    {
        using var handler = new FakeGrpcHandler(() => throw new InvalidOperationException("must not send"));
        var options = new GrpcChannelOptions { HttpHandler = handler, MaxSendMessageSize = 100 };
        using var channel = GrpcChannel.ForAddress("http://example:80", options);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            InteropMethods.Unary, new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Null(handler.LastRequest);
    }

    [Fact]
    public async Task UnaryCall_Should_FailDeadlineExceededUnsent_When_TimeoutIsNotPositive()
    {
        using var handler = new FakeGrpcHandler(() => throw new InvalidOperationException("must not send"));
        using var channel = Channel(handler);

        using var call = channel.UnaryCall(
            InteropMethods.Unary, new EchoRequest(), new CallOptions(Timeout: TimeSpan.Zero));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Null(handler.LastRequest);
    }

    [Fact]
    public void GetStatus_Should_Throw_When_CallIsRunning()
    {
        var pending = new TaskCompletionSource<HttpResponseMessage>();
        using var handler = new FakeGrpcHandler(ct => pending.Task.WaitAsync(ct));
        using var channel = Channel(handler);

        using var call = channel.ServerStreamingCall(InteropMethods.ServerStream, new StreamRequest());

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        call.Dispose();
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        pending.SetResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    [Fact]
    public void ForAddress_Should_Throw_When_SchemeIsNotHttp()
    {
        Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("ftp://example:21"));
    }

    private static async Task<RpcException> CallAsync(Func<HttpResponseMessage> respond)
    {
        using var handler = new FakeGrpcHandler(respond);
        using var channel = Channel(handler);
        return await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest()));
    }

    private static FakeGrpcHandler OkHandler() =>
        new(() => FakeGrpcHandler.Response(FakeGrpcHandler.Frame(Hello), ("grpc-status", "0")));

    private static GrpcChannel Channel(HttpMessageHandler handler) =>
        GrpcChannel.ForAddress("http://example:80", new GrpcChannelOptions { HttpHandler = handler });

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}
