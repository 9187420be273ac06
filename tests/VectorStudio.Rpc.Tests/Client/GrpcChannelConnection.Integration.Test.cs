// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using VectorStudio.Rpc.Client;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>Calls to an address where nothing listens.</summary>
public sealed class GrpcChannelConnectionIntegrationTests
{
    [Fact]
    public async Task UnaryCall_Should_FailUnavailable_When_ConnectionIsRefused()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{FreePort()}");

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("ConnectionRefused", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerStreamingCall_Should_FailUnavailable_When_ConnectionIsRefused()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{FreePort()}");
        using var call = channel.ServerStreamingCall(InteropMethods.ServerStream, new StreamRequest { Count = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNextAsync());
        var headers = await Assert.ThrowsAsync<RpcException>(() => call.ResponseHeadersAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(StatusCode.Unavailable, headers.StatusCode);
    }

    /// <summary>A loopback port that was free a moment ago; nothing listens on it afterwards.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
