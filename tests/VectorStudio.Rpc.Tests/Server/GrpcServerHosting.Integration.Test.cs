// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using VectorStudio.Rpc.Server;
using VectorStudio.Rpc.Tests.Infrastructure;
using VectorStudio.Testing.V1;

namespace VectorStudio.Rpc.Tests.Server;

/// <summary>Server options and hosting variants, each test on its own short-lived server.</summary>
public sealed class GrpcServerHostingIntegrationTest
{
    [Fact]
    public async Task StartAsync_Should_ServeOverTlsWithAlpnH2_When_CertificateIsGiven()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var host = await TestGrpcServer.StartAsync(o => o.Certificate = certificate);
        using var client = new RawGrpcClient(host.Port, certificate);

        var response = await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest { Text = "tls" }));

        Assert.True(host.IsSecure);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("tls", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
    }

    [Fact]
    public async Task Interceptors_Should_WrapEveryCallInOrder_When_Registered()
    {
        var log = new List<string>();
        await using var host = await TestGrpcServer.StartAsync(o =>
        {
            o.Server.Interceptors.Add(new LoggingInterceptor("outer", log));
            o.Server.Interceptors.Add(new LoggingInterceptor("inner", log));
        });
        using var client = new RawGrpcClient(host.Port);

        await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest()));

        Assert.Equal(["outer:before", "inner:before", "inner:after", "outer:after"], log);
    }

    [Fact]
    public async Task Interceptor_Should_EndCallWithItsStatus_When_ItThrowsRpcException()
    {
        await using var host = await TestGrpcServer.StartAsync(o =>
            o.Server.Interceptors.Add(new DenyingInterceptor()));
        using var client = new RawGrpcClient(host.Port);

        var response = await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest()));

        Assert.Equal(StatusCode.PermissionDenied, response.Code);
        Assert.Equal("denied", response.Message);
        Assert.Equal("yes", response.Get("x-denied"));
    }

    [Fact]
    public async Task Interceptor_Should_SendStatusDetails_When_TrailersCarryThem()
    {
        await using var host = await TestGrpcServer.StartAsync(o =>
            o.Server.Interceptors.Add(new DenyingInterceptor(new Metadata().Add("grpc-status-details-bin", [8, 7]))));
        using var client = new RawGrpcClient(host.Port);

        var response = await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest()));

        Assert.Equal("CAc", response.Get("grpc-status-details-bin"));
    }

    [Fact]
    public async Task Interceptor_Should_YieldInternal_When_UnaryEndsOkWithoutResponse()
    {
        await using var host = await TestGrpcServer.StartAsync(o =>
            o.Server.Interceptors.Add(new ShortCircuitInterceptor()));
        using var client = new RawGrpcClient(host.Port);

        var unary = await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest()));
        var stream = await client.UnaryAsync(Paths.ServerStream, GrpcFrames.Frame(new StreamRequest { Count = 3 }));

        Assert.Equal(StatusCode.Internal, unary.Code);
        Assert.Equal(StatusCode.OK, stream.Code);
        Assert.Empty(stream.Frames);
    }

    [Fact]
    public async Task Handler_Should_AnswerUnknownWithGenericMessage_When_ItThrows()
    {
        var definition = ServiceDefinition.CreateBuilder(InteropReflection.Descriptor.Services[0])
            .AddUnary<EchoRequest, EchoResponse>(
                "Unary",
                (_, _) => throw new InvalidOperationException("secret detail"))
            .Build();
        var logged = new List<string>();
        await using var host = await GrpcServerHost.StartAsync(
            new GrpcServerHostOptions
            {
                Address = IPAddress.Loopback,
                ConfigureLogging = logging => logging.AddProvider(new ListLoggerProvider(logged)),
            },
            [definition]);
        using var client = new RawGrpcClient(host.Port);

        var response = await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest()));
        var missing = await client.UnaryAsync(Paths.ServerStream, GrpcFrames.Frame(new StreamRequest()));

        Assert.Equal(StatusCode.Unknown, response.Code);
        Assert.DoesNotContain("secret", response.Message, StringComparison.Ordinal);
        Assert.Contains(logged, line => line.Contains("secret detail", StringComparison.Ordinal));
        Assert.Equal(StatusCode.Unimplemented, missing.Code);
    }

    [Fact]
    public async Task Unary_Should_FailResourceExhausted_When_ResponseExceedsSendLimit()
    {
        await using var host = await TestGrpcServer.StartAsync(o => o.Server.MaxSendMessageSize = 1000);
        using var client = new RawGrpcClient(host.Port);

        var response = await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest { ResponseSize = 2000 }));

        Assert.Equal(StatusCode.ResourceExhausted, response.Code);
    }

    [Fact]
    public async Task Unary_Should_AcceptLargeMessage_When_ReceiveLimitIsRaised()
    {
        await using var host = await TestGrpcServer.StartAsync(o => o.Server.MaxReceiveMessageSize = 40 * 1024 * 1024);
        using var client = new RawGrpcClient(host.Port);
        var payload = ByteString.CopyFrom(new byte[32 * 1024 * 1024]);

        var frame = GrpcFrames.Frame(new EchoRequest { Payload = payload });
        var response = await client.UnaryAsync(Paths.ClientStream, frame);

        Assert.Equal(32 * 1024 * 1024, Assert.Single(response.Messages(EchoResponse.Parser)).TotalBytes);
    }

    [Fact]
    public async Task Unary_Should_CompressOnlyForAcceptingClients_When_ServerPolicyIsGzip()
    {
        await using var host = await TestGrpcServer.StartAsync(o => o.Server.ResponseCompressionAlgorithm = "gzip");
        using var client = new RawGrpcClient(host.Port);
        var frame = GrpcFrames.Frame(new EchoRequest { Text = "zip" });

        var accepting = await client.UnaryAsync(Paths.Unary, frame, ("grpc-accept-encoding", "gzip"));
        var plain = await client.UnaryAsync(Paths.Unary, frame);

        Assert.True(Assert.Single(accepting.Frames).Compressed);
        Assert.Equal("zip", EchoResponse.Parser.ParseFrom(accepting.Frames[0].Data).Text);
        Assert.False(Assert.Single(plain.Frames).Compressed);
    }

    [Fact]
    public async Task UseGrpcServer_Should_ShareApplicationWithHttp11_When_RoutedByPort()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0));
        });
        await using var app = builder.Build();
        var health = new VectorStudio.Rpc.Health.HealthService();
        var grpc = new GrpcServer(new GrpcServerOptions(), [health.CreateDefinition()]);
        app.UseGrpcServer(grpc, context => HttpProtocol.IsHttp2(context.Request.Protocol));
        app.Run(context => context.Response.WriteAsync("plain http"));
        await app.StartAsync();
        var ports = app.Urls.Select(u => new Uri(u).Port).ToList();

        using var http = new HttpClient();
        var texts = new List<string>();
        var codes = new List<StatusCode?>();
        foreach (var port in ports)
        {
            try
            {
                texts.Add(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
            }
            catch (HttpRequestException)
            {
                using var client = new RawGrpcClient(port);
                var check = await client.UnaryAsync(
                    "/grpc.health.v1.Health/Check",
                    GrpcFrames.Frame(new Grpc.Health.V1.HealthCheckRequest()));
                codes.Add(check.Code);
            }
        }

        await app.StopAsync();
        Assert.Equal(["plain http"], texts);
        Assert.Equal([StatusCode.OK], codes);
    }

    [Fact]
    public async Task MapGrpcServer_Should_ServeCalls_When_UsedWithEndpointRouting()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0)));
        await using var app = builder.Build();
        var health = new VectorStudio.Rpc.Health.HealthService();
        app.MapGrpcServer(new GrpcServer(new GrpcServerOptions(), [health.CreateDefinition()]));
        await app.StartAsync();
        using var client = new RawGrpcClient(new Uri(app.Urls.Single()).Port);

        var request = GrpcFrames.Frame(new Grpc.Health.V1.HealthCheckRequest());
        var check = await client.UnaryAsync("/grpc.health.v1.Health/Check", request);
        var unknown = await client.UnaryAsync("/no.such.Service/Method", request);

        await app.StopAsync();
        Assert.Equal(StatusCode.OK, check.Code);
        Assert.Equal(StatusCode.Unimplemented, unknown.Code);
    }

    [Fact]
    public async Task InteropServerExe_Should_ServeTls_When_GivenPfxFile()
    {
        using var certificate = CreateSelfSignedCertificate();
        var pfx = Path.Combine(Path.GetTempPath(), $"interop-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "secret"));
        try
        {
            await using var server =
                await InteropServerProcess.StartAsync("--tls-cert", pfx, "--tls-password", "secret");
            using var client = new RawGrpcClient(server.Port, certificate);

            var response = await client.UnaryAsync(Paths.Unary, GrpcFrames.Frame(new EchoRequest { Text = "exe" }));

            Assert.Equal("exe", Assert.Single(response.Messages(EchoResponse.Parser)).Text);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        // Re-import through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class LoggingInterceptor(string name, List<string> log) : ServerInterceptor
    {
        public override async Task InterceptAsync(ServerCallContext context, Func<Task> continuation)
        {
            log.Add($"{name}:before");
            await continuation();
            log.Add($"{name}:after");
        }
    }

    private sealed class DenyingInterceptor(Metadata? trailers = null) : ServerInterceptor
    {
        public override Task InterceptAsync(ServerCallContext context, Func<Task> continuation) =>
            throw new RpcException(
                new Status(StatusCode.PermissionDenied, "denied"),
                trailers ?? new Metadata().Add("x-denied", "yes"));
    }

    private sealed class ShortCircuitInterceptor : ServerInterceptor
    {
        public override Task InterceptAsync(ServerCallContext context, Func<Task> continuation) => Task.CompletedTask;
    }
}
