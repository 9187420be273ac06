// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using Google.Protobuf;
using VectorStudio.Rpc.Client;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>Our client against Python grpcio: statuses, deadlines, cancellation, limits and load.</summary>
[Collection(PythonInteropCollection.Name)]
public sealed class GrpcChannelFailuresIntegrationTests(PythonInteropFixture servers)
{
    // The server sleeps 5 s; a local deadline or cancel must end the call long before. 3 s leaves a
    // loaded 2-core machine room for scheduling delays and still proves the client did not wait.
    private const int ServerDelayMs = 5000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task UnaryCall_Should_FailDeadlineExceeded_When_ServerIsSlowerThanTimeout()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        var watch = Stopwatch.StartNew();

        using var call = channel.UnaryCall(
            InteropMethods.Unary,
            new EchoRequest { DelayMs = ServerDelayMs },
            new CallOptions(Timeout: TimeSpan.FromMilliseconds(300)));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, call.GetStatus().StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), Bound);
    }

    [Fact]
    public async Task UnaryCall_Should_DecodeNonAsciiStatusMessage_When_ServerFails()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        const string Message = "bad thing: ünïcode ✓ 100%";

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            InteropMethods.Unary,
            new EchoRequest { FailWithCode = (int)StatusCode.FailedPrecondition, ErrorMessage = Message }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(Message, error.Status.Detail);
    }

    [Fact]
    public async Task ServerStreamingCall_Should_ThrowStatusAfterMessages_When_StreamFails()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        var request = new StreamRequest { Count = 3, FailWithCode = (int)StatusCode.Aborted, ErrorMessage = "stop" };

        using var call = channel.ServerStreamingCall(InteropMethods.ServerStream, request);
        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNextAsync())
            {
                received++;
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("stop", call.GetStatus().Detail);
    }

    [Fact]
    public async Task UnaryCall_Should_FailResourceExhausted_When_ResponseExceedsReceiveLimit()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { ResponseSize = 5 * 1024 * 1024 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_FailResourceExhausted_When_RequestExceedsServerLimit()
    {
        var payload = ByteString.CopyFrom(new byte[PythonInteropFixture.MaxMessageSize + 1]);
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Payload = payload }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_FailCancelled_When_TokenIsCancelled()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            InteropMethods.Unary,
            new EchoRequest { DelayMs = ServerDelayMs },
            new CallOptions(CancellationToken: cts.Token)));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(watch.Elapsed < Bound, $"cancellation took {watch.Elapsed}");
    }

    [Fact]
    public async Task ServerStreamingCall_Should_FailCancelled_When_DisposedWhileRunning()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        var call = channel.ServerStreamingCall(
            InteropMethods.ServerStream, new StreamRequest { Count = 100, DelayMsBetween = 100 });
        Assert.True(await call.ResponseStream.MoveNextAsync());

        call.Dispose();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNextAsync());

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task DuplexStreamingCall_Should_FailCancelled_When_ReadTokenIsCancelled()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);
        using var call = channel.DuplexStreamingCall(InteropMethods.Bidi);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Nothing was written, so the read waits until the token cancels the call.
        var error = await Assert.ThrowsAsync<RpcException>(
            async () => await call.ResponseStream.MoveNextAsync(cts.Token));
        var write = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, write.StatusCode);
    }

    [Fact]
    public async Task UnaryCall_Should_CompleteEveryCall_When_200CallsAreInFlight()
    {
        using var channel = GrpcChannel.ForAddress(servers.Plain.Address);

        var calls = Enumerable.Range(0, 200)
            .Select(i => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = $"call {i}", DelayMs = 20 }))
            .ToArray();
        var responses = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"call {i}"), responses.Select(r => r.Text));
    }
}
