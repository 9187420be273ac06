// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Embedder;
using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.EmbedderNode.Metrics;
using VectorStudio.EmbedderNode.Services;
using VectorStudio.Hosting;
using VectorStudio.Metrics;
using VectorStudio.Rpc.Health;
using VectorStudio.Rpc.Reflection;
using VectorStudio.Rpc.Server;

namespace VectorStudio.EmbedderNode;

/// <summary>
/// Starts an embedder node: loads the model package (start-up fails with the reason when it cannot),
/// then serves Embedder, EmbedderAdmin, health and reflection over gRPC and /metrics, /healthz,
/// /readyz over HTTP/1.1.
/// </summary>
public sealed class EmbedderHost : IAsyncDisposable
{
    private readonly GrpcServiceHost _host;
    private readonly IDisposable[] _owned;

    private EmbedderHost(GrpcServiceHost host, EmbedderOptions options, ModelSlot slot, IDisposable[] owned)
    {
        _host = host;
        Options = options;
        Slot = slot;
        _owned = owned;
    }

    public EmbedderOptions Options { get; }

    public ModelSlot Slot { get; }

    public int GrpcPort => _host.GrpcPort;

    public int HttpPort => _host.HttpPort;

    /// <summary>Loads a model package onto a device; the runtime the package names does the work.</summary>
    public delegate IEmbeddingPipeline PipelineLoader(EmbedderOptions options, string packageDir, string device, ILoggerFactory logging);

    public static Task<int> RunAsync(string[] args, PipelineLoader loader) =>
        HostCommand.RunAsync(
            "vector-studio-embedder",
            EmbedderOptionDefinitions.All,
            args,
            EmbedderOptions.Bind,
            options => StartAsync(options, loader, CancellationToken.None),
            host => host._host.WaitForShutdownAsync());

    /// <summary>Loads the model, starts both listeners and returns once they accept connections.</summary>
    public static async Task<EmbedderHost> StartAsync(EmbedderOptions options, PipelineLoader loader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loader);
        var metrics = new EmbedderMetrics();
        var processMetrics = new ProcessMetrics();
        var exporter = new PrometheusExporter("VectorStudio.");
        var readiness = new Readiness();
        var health = new HealthService();
        using var startupLogging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.Server.LogLevel));
        IEmbeddingPipeline first;
        try
        {
            first = loader(options, options.ModelDir, options.Device, startupLogging);
            metrics.ModelLoads.Add(1, new KeyValuePair<string, object?>("outcome", "ok"));
        }
        catch (Exception e) when (e is not StartupException and not OperationCanceledException)
        {
            metrics.Dispose();
            processMetrics.Dispose();
            exporter.Dispose();
            throw new StartupException($"cannot load the model package at {options.ModelDir}: {e.Message}", e);
        }

        var slot = new ModelSlot(first);
        metrics.ObserveModel(slot);
        readiness.Changed += ready => health.SetStatus(string.Empty, ready
            ? Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
            : Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing);
        var logger = startupLogging.CreateLogger("VectorStudio.EmbedderNode");
        ServiceDefinition[] api =
        [
            new EmbedderService(slot, metrics, options.MaxTextsPerRequest).CreateDefinition(),
            new EmbedderAdminService(
                slot,
                (path, device) => loader(options, path, device, startupLogging),
                options.Device,
                metrics,
                logger).CreateDefinition(),
            health.CreateDefinition(),
        ];
        var server = new GrpcServer(
            new GrpcServerOptions
            {
                MaxReceiveMessageSize = options.Server.MaxMessageSizeBytes,
                Interceptors = { new RpcMetricsInterceptor(metrics.Rpc) },
            },
            ReflectionService.AddTo(api));
        var host = await GrpcServiceHost.StartAsync(options.Server, server, exporter, readiness, metrics.Rpc.ActiveConnections, cancellationToken);
        readiness.SetReady();
        var info = slot.Current.Info;
        host.LoggerFactory.CreateLogger("VectorStudio.EmbedderNode").LogInformation(
            "vector-studio-embedder {NodeId} ready: model {Model} ({Backend}, {Dimension} dims, {Device}, {Precision}), gRPC {Bind}:{GrpcPort} ({Scheme}), HTTP {Bind}:{HttpPort}",
            options.Server.NodeId, info.Name, info.Backend, info.Dimension, info.Device, info.Precision,
            options.Server.BindAddress, host.GrpcPort, GrpcServiceHost.Scheme(options.Server), options.Server.BindAddress, host.HttpPort);
        return new EmbedderHost(host, options, slot, [slot, metrics, processMetrics, exporter]);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
