// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf;
using Grpc.Health.V1;
using VectorStudio.Rpc.Client;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>Our client against Python grpcio: the four call shapes, metadata, compression, health, size.</summary>
[Collection(PythonInteropCollection.Name)]
public sealed class GrpcChannelCallsIntegrationTests(PythonInteropFixture servers)
{
    [Fact]
    public async Task UnaryCall_Should_EchoPayloadAndText_When_ServerIsGrpcio()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        var request = new EchoRequest { Payload = ByteString.CopyFrom(1, 2, 3), Text = "hello" };

        using var call = channel.UnaryCall(InteropMethods.Unary, request);
        var response = await call;

        Assert.Equal(request.Payload, response.Payload);
        Assert.Equal("hello", response.Text);
        Assert.Equal(3, response.TotalBytes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ServerStreamingCall_Should_ReceiveEveryMessageInOrder_When_ServerStreams()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        var request = new StreamRequest { Payload = ByteString.CopyFromUtf8("abc"), Count = 50 };

        using var call = channel.ServerStreamingCall(InteropMethods.ServerStream, request);
        var indexes = new List<long>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal("abc", message.Payload.ToStringUtf8());
            indexes.Add(message.Index);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreamingCall_Should_CountEveryRequest_When_StreamIsCompleted()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);

        using var call = channel.ClientStreamingCall(InteropMethods.ClientStream);
        for (var i = 1; i <= 10; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[i]) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(10, response.Index);
        Assert.Equal(55, response.TotalBytes);
    }

    [Fact]
    public async Task DuplexStreamingCall_Should_AnswerEachMessage_When_WritesAndReadsInterleave()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);

        using var call = channel.DuplexStreamingCall(InteropMethods.Bidi);
        for (var i = 0; i < 5; i++)
        {
            // The server answers before the next write, which proves the body stays open while responses flow.
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"m{i}" });
            Assert.True(await call.ResponseStream.MoveNextAsync());
            Assert.Equal($"m{i}", call.ResponseStream.Current.Text);
            Assert.Equal(i, call.ResponseStream.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNextAsync());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_RoundTripMetadata_When_KeysAreEchoedAsHeadersAndTrailers()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        byte[] binary = [0, 1, 2, 0xFE, 0xFF];
        var headers = new Metadata().Add("x-echo-text", "hello world").Add("x-echo-data-bin", binary);

        using var call = channel.UnaryCall(InteropMethods.Unary, new EchoRequest(), new CallOptions(Headers: headers));
        var response = await call;
        var responseHeaders = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Equal(
            ["x-echo-data-bin=" + Convert.ToBase64String(binary), "x-echo-text=hello world"], response.EchoedMetadata);
        Assert.Equal("hello world", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("x-echo-data-bin"));
        Assert.Equal("hello world", trailers.GetValue("x-echo-text"));
        Assert.Equal(binary, trailers.GetValueBytes("x-echo-data-bin"));
    }

    [Fact]
    public async Task UnaryCall_Should_RoundTrip_When_RequestIsGzipCompressed()
    {
        using var handler = new RecordingHandler();
        var options = new GrpcChannelOptions { CompressRequests = true, HttpHandler = handler };
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address, options);
        var payload = InteropMethods.Pattern(64 * 1024);

        var response = await channel.UnaryAsync(
            InteropMethods.Unary, new EchoRequest { Payload = ByteString.CopyFrom(payload) });

        Assert.Equal(["gzip"], handler.RequestEncodings);
        Assert.Equal(payload.Length, response.TotalBytes);
        Assert.Equal(payload, response.Payload.ToByteArray());
    }

    [Fact]
    public async Task UnaryCall_Should_DecompressResponse_When_ServerSendsGzip()
    {
        using var handler = new RecordingHandler();
        var options = new GrpcChannelOptions { HttpHandler = handler };
        using var channel = GrpcChannel.ForAddress(servers.Gzip.Address, options);

        var response = await channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { ResponseSize = 200_000 });

        Assert.Equal(["gzip"], handler.ResponseEncodings);
        Assert.Equal(InteropMethods.Pattern(200_000), response.Payload.ToByteArray());
    }

    [Fact]
    public async Task ServerStreamingCall_Should_DecompressEveryMessage_When_ServerSendsGzip()
    {
        using var channel = GrpcChannel.ForAddress(servers.Gzip.Address);
        var payload = ByteString.CopyFrom(InteropMethods.Pattern(10_000));

        var request = new StreamRequest { Payload = payload, Count = 20 };
        using var call = channel.ServerStreamingCall(InteropMethods.ServerStream, request);
        var count = 0;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(payload, message.Payload);
            count++;
        }

        Assert.Equal(20, count);
    }

    [Fact]
    public async Task HealthCheck_Should_ReportServing_When_ServiceIsKnown()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);

        var overall = await channel.UnaryAsync(InteropMethods.HealthCheck, new HealthCheckRequest());
        var service = await channel.UnaryAsync(
            InteropMethods.HealthCheck, new HealthCheckRequest { Service = "vectorstudio.testing.v1.InteropTest" });
        var unknown = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(InteropMethods.HealthCheck, new HealthCheckRequest { Service = "nope" }));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, service.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_CarryFiveMegabytesEachWay_When_LimitsAreRaised()
    {
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = PythonInteropFixture.MaxMessageSize };
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address, options);
        var payload = InteropMethods.Pattern(5 * 1024 * 1024);

        var response = await channel.UnaryAsync(
            InteropMethods.Unary, new EchoRequest { Payload = ByteString.CopyFrom(payload) });

        Assert.Equal(payload.Length, response.TotalBytes);
        Assert.True(payload.AsSpan().SequenceEqual(response.Payload.Span));
    }
}
