// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace VectorStudio.Rpc.Server;

/// <summary>
/// A standalone gRPC-only server: Kestrel on one HTTP/2 port, every request dispatched by a
/// <see cref="GrpcServer"/>, with no routing or other middleware in the way.
/// </summary>
public sealed class GrpcServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeSpan _shutdownTimeout;
    private int _stopped;

    private GrpcServerHost(
        WebApplication app,
        GrpcServer server,
        IReadOnlyList<int> ports,
        bool secure,
        TimeSpan shutdownTimeout)
    {
        _app = app;
        Server = server;
        Ports = ports;
        IsSecure = secure;
        _shutdownTimeout = shutdownTimeout;
    }

    public GrpcServer Server { get; }

    /// <summary>The bound port (the real one when 0 was asked for).</summary>
    public int Port => Ports[0];

    public IReadOnlyList<int> Ports { get; }

    public bool IsSecure { get; }

    /// <summary>Builds the server, binds its port and starts accepting calls.</summary>
    public static async Task<GrpcServerHost> StartAsync(
        GrpcServerHostOptions options,
        IEnumerable<ServiceDefinition> services,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        ConfigureLogging(builder.Logging, options.ConfigureLogging);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Streams are long-lived and carry many messages; per-message limits apply instead.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            if (options.MaxConcurrentStreams is { } streams)
            {
                kestrel.Limits.Http2.MaxStreamsPerConnection = streams;
            }

            kestrel.ListenGrpc(new IPEndPoint(options.Address, options.Port), options.Certificate);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        var app = builder.Build();
        var serverOptions = options.Server;
        serverOptions.LoggerFactory ??= app.Services.GetRequiredService<ILoggerFactory>();
        var server = new GrpcServer(serverOptions, services);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report its bound addresses.");
        var ports = new List<int>();
        foreach (var address in addresses)
        {
            ports.Add(new Uri(address).Port);
        }

        return new GrpcServerHost(app, server, ports, options.Certificate is not null, options.ShutdownTimeout);
    }

    /// <summary>
    /// Stops accepting connections and lets running calls finish for the configured shutdown
    /// timeout; calls still running after it are aborted (their handlers see cancellation).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_shutdownTimeout);
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, Action<ILoggingBuilder>? configure)
    {
        logging.ClearProviders();
        if (configure is not null)
        {
            configure(logging);
            return;
        }

        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddSimpleConsole(console => console.SingleLine = true);
        logging.Services.Configure<ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
