// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VectorStudio.Metrics;
using VectorStudio.Rpc.Server;

namespace VectorStudio.Hosting;

/// <summary>
/// Kestrel with two listeners: the gRPC API (HTTP/2 only: h2c, or TLS with ALPN h2) and
/// <c>/metrics</c>, <c>/healthz</c>, <c>/readyz</c> (HTTP/1.1). Cleartext HTTP/1.1 and h2c cannot
/// share a port, hence two.
/// </summary>
public sealed class GrpcServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcServiceHost(WebApplication app, int grpcPort, int httpPort)
    {
        _app = app;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        LoggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
    }

    /// <summary>The bound gRPC port (the real one when 0 was asked for).</summary>
    public int GrpcPort { get; }

    public int HttpPort { get; }

    /// <summary>Console logging as configured (single line, UTC timestamps).</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Whether gRPC is served over TLS.</summary>
    public static string Scheme(ServerOptions options) => options?.TlsCertificatePath is null ? "h2c" : "TLS";

    /// <summary>
    /// Starts both listeners and returns once they accept connections. Open connections are counted
    /// in <paramref name="connections"/> (tag <c>listener</c> = grpc | http) when given.
    /// </summary>
    public static async Task<GrpcServiceHost> StartAsync(
        ServerOptions options,
        GrpcServer server,
        PrometheusExporter exporter,
        Readiness readiness,
        UpDownCounter<long>? connections,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var certificate = options.TlsCertificatePath is null
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(options.TlsCertificatePath, options.TlsCertificatePassword);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
            kestrel.Limits.Http2.InitialConnectionWindowSize = 4 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 2 * 1024 * 1024;
            kestrel.Listen(new IPEndPoint(options.BindAddress, options.GrpcPort), listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(CountConnections(connections, "grpc"));
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Listen(new IPEndPoint(options.BindAddress, options.HttpPort), listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(CountConnections(connections, "http"));
            });
        });

        var app = builder.Build();
        // Every HTTP/2 request arrives on the gRPC listener (the other one speaks HTTP/1.1 only).
        app.UseGrpcServer(server, context => context.Request.Protocol == HttpProtocol.Http2);
        app.MapObservability(exporter, readiness);
        await app.StartAsync(cancellationToken);

        // Kestrel reports listeners in the order they were added: gRPC first.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        return new GrpcServiceHost(app, new Uri(addresses[0]).Port, new Uri(addresses[1]).Port);
    }

    /// <summary>Completes when SIGINT / SIGTERM stops the host.</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Func<ConnectionDelegate, ConnectionDelegate> CountConnections(UpDownCounter<long>? counter, string listener)
    {
        var tag = new KeyValuePair<string, object?>("listener", listener);
        return next => counter is null ? next : async connection =>
        {
            counter.Add(1, tag);
            try
            {
                await next(connection);
            }
            finally
            {
                counter.Add(-1, tag);
            }
        };
    }
}
