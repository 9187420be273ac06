// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VectorStudio.Hosting;
using VectorStudio.Metrics;
using VectorStudio.Rpc.Server;
using VectorStudio.ShardNode.Configuration;
using VectorStudio.ShardNode.Metrics;

namespace VectorStudio.ShardNode;

/// <summary>
/// Starts a standalone shard node: the gRPC API on one port (h2c, or TLS with ALPN h2) and
/// /metrics, /healthz, /readyz on another (HTTP/1.1), over one engine.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable[] _owned;
    private readonly CheckpointLoop _checkpoints;

    private NodeHost(WebApplication app, NodeOptions options, int grpcPort, int httpPort, IDisposable[] owned, CheckpointLoop checkpoints)
    {
        _app = app;
        _checkpoints = checkpoints;
        Options = options;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        _owned = owned;
    }

    public NodeOptions Options { get; }

    /// <summary>The bound gRPC port (the real one when 0 was asked for).</summary>
    public int GrpcPort { get; }

    public int HttpPort { get; }

    /// <summary>Parses options, starts the node, and serves until SIGINT / SIGTERM.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = OptionParser.Parse(NodeOptionDefinitions.All, args, Environment.GetEnvironmentVariables());
        if (parsed.HelpRequested)
        {
            await Console.Out.WriteAsync(OptionParser.Usage("vector-studio-node", NodeOptionDefinitions.All));
            return 0;
        }

        var errors = new List<string>(parsed.Errors);
        var options = errors.Count == 0 ? NodeOptions.Bind(parsed.Values, errors) : null;
        if (options is null)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"vector-studio-node: {error}");
            }

            await Console.Error.WriteLineAsync("Run 'vector-studio-node --help' for the options.");
            return 2;
        }

        NodeHost host;
        try
        {
            host = await StartAsync(options, CancellationToken.None);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException
            or Engine.Errors.EngineException)
        {
            await Console.Error.WriteLineAsync($"vector-studio-node: cannot start: {e.Message}");
            return 1;
        }

        await using (host)
        {
            await host._app.WaitForShutdownAsync();
        }

        return 0;
    }

    /// <summary>
    /// Starts a node: both ports accept connections at once (readiness says NOT ready and data calls get
    /// UNAVAILABLE), then recovery rebuilds the data; the node turns ready and returns after it. Throws
    /// when recovery refuses (a corrupt log, naming file and offset), after stopping the servers.
    /// </summary>
    public static async Task<NodeHost> StartAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDir = DataDirectory.Open(options.DataDir);
        var metrics = new NodeMetrics();
        var processMetrics = new ProcessMetrics();
        var exporter = new PrometheusExporter("VectorStudio.");
        var readiness = new Readiness();
        ILogger? storeLogger = null;
        var node = NodeServices.Create(options, metrics, line =>
        {
            if (storeLogger is null)
            {
                Console.Error.WriteLine(line);
            }
            else
            {
                storeLogger.LogInformation("{Line}", line);
            }
        });
        var grpcServer = new GrpcServer(
            new GrpcServerOptions
            {
                MaxReceiveMessageSize = options.MaxMessageSizeBytes,
                Interceptors = { new RequestMetricsInterceptor(metrics), node.Gate },
            },
            node.Definitions);
        readiness.Changed += ready => node.Health.SetStatus(string.Empty, ready
            ? Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
            : Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing);

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
                listen.Use(CountConnections(metrics, "grpc"));
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Listen(new IPEndPoint(options.BindAddress, options.HttpPort), listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(CountConnections(metrics, "http"));
            });
        });

        var app = builder.Build();
        // Every HTTP/2 request arrives on the gRPC listener (the other one speaks HTTP/1.1 only).
        app.UseGrpcServer(grpcServer, context => context.Request.Protocol == HttpProtocol.Http2);
        app.MapObservability(exporter, readiness);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        var grpcPort = new Uri(addresses[0]).Port;
        var httpPort = new Uri(addresses[1]).Port;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VectorStudio.ShardNode");
        storeLogger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VectorStudio.Storage");
        try
        {
            // Off the caller's thread: replaying a large log is long, CPU-bound work.
            await Task.Run(node.Store.Recover, cancellationToken);
        }
        catch (Engine.Errors.EngineException e)
        {
            logger.LogCritical("recovery failed: {Message}", e.Message);
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            node.Dispose();
            dataDir.Dispose();
            throw;
        }

        node.Gate.Open();
        readiness.SetReady();
        var checkpoints = new CheckpointLoop(node.Store, options.Storage.SnapshotEveryBytes, storeLogger);
        var scheme = certificate is null ? "h2c" : "TLS";
        logger.LogInformation(
            "vector-studio-node {NodeId} ready: gRPC {Bind}:{GrpcPort} ({Scheme}), HTTP {Bind}:{HttpPort} (/metrics /healthz /readyz), data {DataDir}",
            options.NodeId, options.BindAddress, grpcPort, scheme, options.BindAddress, httpPort, options.DataDir);
        return new NodeHost(app, options, grpcPort, httpPort, [dataDir, metrics, processMetrics, exporter, node], checkpoints);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _checkpoints.DisposeAsync();
        // The node's services close the log last: its flusher syncs what the stopped servers wrote.
        foreach (var owned in _owned.Reverse())
        {
            owned.Dispose();
        }
    }

    private static Func<Microsoft.AspNetCore.Connections.ConnectionDelegate, Microsoft.AspNetCore.Connections.ConnectionDelegate> CountConnections(
        NodeMetrics metrics, string listener)
    {
        var tag = new KeyValuePair<string, object?>("listener", listener);
        return next => async connection =>
        {
            metrics.ActiveConnections.Add(1, tag);
            try
            {
                await next(connection);
            }
            finally
            {
                metrics.ActiveConnections.Add(-1, tag);
            }
        };
    }
}
