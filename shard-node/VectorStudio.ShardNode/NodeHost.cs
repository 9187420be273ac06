// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

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
    private readonly GrpcServiceHost _host;
    private readonly IDisposable[] _owned;
    private readonly CheckpointLoop _checkpoints;

    private NodeHost(GrpcServiceHost host, NodeOptions options, IDisposable[] owned, CheckpointLoop checkpoints)
    {
        _host = host;
        _checkpoints = checkpoints;
        Options = options;
        _owned = owned;
    }

    public NodeOptions Options { get; }

    /// <summary>The bound gRPC port (the real one when 0 was asked for).</summary>
    public int GrpcPort => _host.GrpcPort;

    public int HttpPort => _host.HttpPort;

    /// <summary>Parses options, starts the node, and serves until SIGINT / SIGTERM.</summary>
    public static Task<int> RunAsync(string[] args) =>
        HostCommand.RunAsync(
            "vector-studio-node",
            NodeOptionDefinitions.All,
            args,
            NodeOptions.Bind,
            StartForCommandLineAsync,
            host => host._host.WaitForShutdownAsync());

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
                Interceptors = { new RpcMetricsInterceptor(metrics.Rpc), node.Gate },
            },
            node.Definitions);
        readiness.Changed += ready => node.Health.SetStatus(string.Empty, ready
            ? Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
            : Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing);

        var host = await GrpcServiceHost.StartAsync(options.Server, grpcServer, exporter, readiness, metrics.Rpc.ActiveConnections, cancellationToken);
        var logger = host.LoggerFactory.CreateLogger("VectorStudio.ShardNode");
        storeLogger = host.LoggerFactory.CreateLogger("VectorStudio.Storage");
        try
        {
            // Off the caller's thread: replaying a large log is long, CPU-bound work.
            await Task.Run(node.Store.Recover, cancellationToken);
        }
        catch (Engine.Errors.EngineException e)
        {
            logger.LogCritical("recovery failed: {Message}", e.Message);
            await host.DisposeAsync();
            node.Dispose();
            dataDir.Dispose();
            throw;
        }

        node.Gate.Open();
        readiness.SetReady();
        var checkpoints = new CheckpointLoop(node.Store, options.Storage.SnapshotEveryBytes, storeLogger);
        logger.LogInformation(
            "vector-studio-node {NodeId} ready: gRPC {Bind}:{GrpcPort} ({Scheme}), HTTP {Bind}:{HttpPort} (/metrics /healthz /readyz), data {DataDir}",
            options.NodeId, options.BindAddress, host.GrpcPort, GrpcServiceHost.Scheme(options.Server), options.BindAddress, host.HttpPort, options.DataDir);
        return new NodeHost(host, options, [dataDir, metrics, processMetrics, exporter, node], checkpoints);
    }

    /// <summary>Start-up for the command line: a refused recovery is a start-up error (exit 1), not a crash.</summary>
    private static async Task<NodeHost> StartForCommandLineAsync(NodeOptions options)
    {
        try
        {
            return await StartAsync(options, CancellationToken.None);
        }
        catch (Engine.Errors.EngineException e)
        {
            throw new StartupException(e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _checkpoints.DisposeAsync();
        // The node's services close the log last: its flusher syncs what the stopped servers wrote.
        foreach (var owned in _owned.Reverse())
        {
            owned.Dispose();
        }
    }
}
