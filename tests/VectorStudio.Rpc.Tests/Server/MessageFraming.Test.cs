// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.IO.Pipelines;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using VectorStudio.Rpc.Server;
using VectorStudio.Rpc.Server.Internal;
using VectorStudio.Rpc.Tests.Infrastructure;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Server;

public sealed class MessageFramingTest
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(100_000)]
    public async Task Write_Should_MatchHandBuiltFrame_When_Uncompressed(int size)
    {
        var message = new EchoResponse { Payload = ByteString.CopyFrom(new byte[size]), Text = "t" };
        var pipe = new Pipe();

        MessageFraming.Write(pipe.Writer, message, compress: false, maxSize: null);
        await pipe.Writer.CompleteAsync();

        Assert.Equal(GrpcFrames.Frame(message), await ReadAllAsync(pipe.Reader));
    }

    [Fact]
    public async Task Write_Should_SetFlagAndGzip_When_Compressed()
    {
        var message = new EchoResponse { Text = new string('a', 1000) };
        var pipe = new Pipe();

        MessageFraming.Write(pipe.Writer, message, compress: true, maxSize: null);
        await pipe.Writer.CompleteAsync();

        var frame = Assert.Single(GrpcFrames.Split(await ReadAllAsync(pipe.Reader)));
        Assert.True(frame.Compressed);
        Assert.Equal(message, EchoResponse.Parser.ParseFrom(frame.Data));
    }

    [Fact]
    public async Task ReadAsync_Should_ReassembleMessages_When_BytesTrickleIn()
    {
        var first = new EchoRequest { Text = "one", Payload = ByteString.CopyFrom(new byte[300]) };
        var second = new EchoRequest { Text = "two" };
        var pipe = new Pipe();
        var call = NewCall(pipe.Reader);

        var reading = Task.Run(async () =>
        {
            var messages = new List<EchoRequest?>();
            for (var i = 0; i < 3; i++)
            {
                messages.Add(await MessageFraming.ReadAsync(call, EchoRequest.Parser, CancellationToken.None));
            }

            return messages;
        });
        foreach (var b in GrpcFrames.Concat(GrpcFrames.Frame(first), GrpcFrames.Frame(second)))
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }

        await pipe.Writer.CompleteAsync();
        var read = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([first, second, null], read);
    }

    [Fact]
    public async Task ReadAsync_Should_ThrowInternal_When_StreamEndsInsidePrefix()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0 });
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(
            async () => await MessageFraming.ReadAsync(
                NewCall(pipe.Reader),
                EchoRequest.Parser,
                CancellationToken.None));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_Should_ThrowInternal_When_FlagIsInvalid()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(GrpcFrames.Frame(7, [1, 2]));
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(
            async () => await MessageFraming.ReadAsync(
                NewCall(pipe.Reader),
                EchoRequest.Parser,
                CancellationToken.None));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public void Write_Should_ThrowResourceExhausted_When_MessageExceedsSendLimit()
    {
        var message = new EchoResponse { Payload = ByteString.CopyFrom(new byte[100]) };

        var ex = Assert.Throws<RpcException>(() => MessageFraming.Write(new Pipe().Writer, message, false, 50));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private static HttpServerCallContext NewCall(PipeReader body)
    {
        var http = new DefaultHttpContext();
        http.Features.Set<IRequestBodyPipeFeature>(new BodyFeature(body));
        return new HttpServerCallContext(http, new GrpcServer(new GrpcServerOptions(), []), "/test/Method");
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        using var buffer = new MemoryStream();
        await reader.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private sealed class BodyFeature(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader { get; } = reader;
    }
}
