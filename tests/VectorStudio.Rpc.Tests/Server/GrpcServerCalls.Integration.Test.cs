// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Http.Headers;
using Google.Protobuf;
using VectorStudio.Rpc.Tests.Infrastructure;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Server;

/// <summary>Streams, deadlines and cancellation over a real loopback socket.</summary>
[Collection(GrpcServerCollection.Name)]
public sealed class GrpcServerCallsIntegrationTest(TestGrpcServer server) : IDisposable
{
    private readonly RawGrpcClient _client = new(server.Port);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ServerStream_Should_SendEveryMessage_When_CountIsGiven()
    {
        var request = new StreamRequest { Count = 3, Payload = ByteString.CopyFromUtf8("ab") };
        var response = await _client.UnaryAsync(Paths.ServerStream, GrpcFrames.Frame(request));

        Assert.Equal(StatusCode.OK, response.Code);
        Assert.Equal([0L, 1L, 2L], response.Messages(EchoResponse.Parser).Select(m => m.Index));
    }

    [Fact]
    public async Task ServerStream_Should_AnswerTrailersOnlyOk_When_CountIsZero()
    {
        var response = await _client.UnaryAsync(Paths.ServerStream, GrpcFrames.Frame(new StreamRequest()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal(StatusCode.OK, response.Code);
    }

    [Fact]
    public async Task ClientStream_Should_SumPayloads_When_ManyMessagesArrive()
    {
        var frames = Enumerable.Range(1, 50)
            .Select(n => GrpcFrames.Frame(new EchoRequest { Payload = ByteString.CopyFrom(new byte[n]) }))
            .ToArray();
        var response = await _client.UnaryAsync(Paths.ClientStream, GrpcFrames.Concat(frames));

        var answer = Assert.Single(response.Messages(EchoResponse.Parser));
        Assert.Equal(50, answer.Index);
        Assert.Equal(50 * 51 / 2, answer.TotalBytes);
    }

    [Fact]
    public async Task Unary_Should_FailDeadlineExceededAndCancelHandler_When_TimeoutPasses()
    {
        var id = Guid.NewGuid().ToString();
        var watch = Stopwatch.StartNew();
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(new EchoRequest { DelayMs = 10_000 }),
            ("grpc-timeout", "200m"),
            (CallRecorder.IdHeader, id));

        Assert.Equal(StatusCode.DeadlineExceeded, response.Code);
        // The handler waits 10 s; only the deadline can end the call within 5 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(await server.Recorder.WasCancelledAsync(id));
    }

    [Fact]
    public async Task Unary_Should_Succeed_When_DeadlineIsGenerous()
    {
        var id = Guid.NewGuid().ToString();
        var response = await _client.UnaryAsync(
            Paths.Unary,
            GrpcFrames.Frame(new EchoRequest { DelayMs = 10 }),
            ("grpc-timeout", "30S"),
            (CallRecorder.IdHeader, id));

        Assert.Equal(StatusCode.OK, response.Code);
        Assert.False(await server.Recorder.WasCancelledAsync(id));
    }

    [Fact]
    public async Task Bidi_Should_AnswerEachRequest_When_RequestsArriveOneByOne()
    {
        var content = new StreamingContent();
        using var request = NewStreamRequest(Paths.Bidi, content);
        // The server sends its headers with the first response, so the first request goes out first.
        content.Write(GrpcFrames.Frame(new EchoRequest { Text = "m0" }));
        using var response = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        for (var i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                content.Write(GrpcFrames.Frame(new EchoRequest { Text = $"m{i}" }));
            }

            var answer = EchoResponse.Parser.ParseFrom(await ReadFrameAsync(body));
            Assert.Equal(i, answer.Index);
            Assert.Equal($"m{i}", answer.Text);
        }

        content.Complete();
        Assert.Equal(0, await body.ReadAsync(new byte[1]));
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Bidi_Should_CancelHandlerAndKeepServing_When_ClientResetsStream()
    {
        var id = Guid.NewGuid().ToString();
        using var raw = new RawHttp2Connection();
        var first = GrpcFrames.Frame(new EchoRequest { Text = "first" });
        await raw.OpenStreamAsync(server.Port, Paths.Bidi, first, endStream: false, (CallRecorder.IdHeader, id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await raw.WaitForDataAsync(timeout.Token);

        // The handler now awaits the next request message; the reset must cancel it.
        await raw.ResetStreamAsync();

        Assert.True(await server.Recorder.WasCancelledAsync(id));
        var next = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest { Text = "after" }));
        Assert.Equal("after", Assert.Single(next.Messages(EchoResponse.Parser)).Text);
    }

    [Fact]
    public async Task Bidi_Should_CancelHandler_When_HttpClientDisposesResponse()
    {
        var id = Guid.NewGuid().ToString();
        var content = new StreamingContent();
        using var request = NewStreamRequest(Paths.Bidi, content);
        request.Headers.Add(CallRecorder.IdHeader, id);
        content.Write(GrpcFrames.Frame(new EchoRequest { Text = "first" }));
        var response = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal("first", EchoResponse.Parser.ParseFrom(await ReadFrameAsync(body)).Text);

        // HttpClient resets an unfinished duplex stream when the response is disposed, provided the
        // request body honours its cancellation token (see StreamingContent). Cancelling the
        // SendAsync token after the headers arrived does not reset it.
        response.Dispose();

        Assert.True(await server.Recorder.WasCancelledAsync(id));
    }

    [Fact]
    public async Task ServerStream_Should_CancelHandler_When_ConnectionDrops()
    {
        var id = Guid.NewGuid().ToString();
        using (var raw = new RawHttp2Connection())
        {
            var request = new StreamRequest { Count = 1000, DelayMsBetween = 20 };
            var body = GrpcFrames.Frame(request);
            await raw.OpenStreamAsync(
                server.Port,
                Paths.ServerStream,
                body,
                endStream: true,
                (CallRecorder.IdHeader, id));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await raw.WaitForDataAsync(timeout.Token);
        }

        // The stream would run for 20 s; the reset connection must cancel it now.
        Assert.True(await server.Recorder.WasCancelledAsync(id));
        var next = await _client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest { Text = "after" }));
        Assert.Equal(StatusCode.OK, next.Code);
    }

    private static HttpRequestMessage NewStreamRequest(string path, HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = RawGrpcClient.NewRequest(HttpMethod.Post, path, content);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    private static async Task<byte[]> ReadFrameAsync(Stream body)
    {
        var prefix = new byte[5];
        await body.ReadExactlyAsync(prefix);
        var data = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
        await body.ReadExactlyAsync(data);
        return data;
    }
}
