// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc.Client;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>Our client over TLS with ALPN h2 against grpcio.</summary>
public sealed class GrpcChannelTlsIntegrationTests(PythonTlsFixture server) : IClassFixture<PythonTlsFixture>
{
    [Fact]
    public async Task UnaryCall_Should_Succeed_When_ServerCertificateChainsToTrustedAuthority()
    {
        var options = new GrpcChannelOptions { TrustedCertificateAuthority = server.Certificates.Authority };
        using var channel = GrpcChannel.ForAddress(server.Address, options);

        var response = await channel.UnaryAsync(InteropMethods.Unary, new EchoRequest { Text = "over tls" });

        Assert.Equal("over tls", response.Text);
    }

    [Fact]
    public async Task DuplexStreamingCall_Should_Interleave_When_ChannelUsesTls()
    {
        var options = new GrpcChannelOptions { TrustedCertificateAuthority = server.Certificates.Authority };
        using var channel = GrpcChannel.ForAddress(server.Address, options);

        using var call = channel.DuplexStreamingCall(InteropMethods.Bidi);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "one" });
        Assert.True(await call.ResponseStream.MoveNextAsync());
        await call.RequestStream.CompleteAsync();

        Assert.Equal("one", call.ResponseStream.Current.Text);
        Assert.False(await call.ResponseStream.MoveNextAsync());
    }

    [Fact]
    public async Task UnaryCall_Should_FailUnavailable_When_ServerCertificateIsNotTrusted()
    {
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(InteropMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
