// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Embedder;
using VectorStudio.Embedder.Batching;
using VectorStudio.Embedder.Runtime;
using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.EmbedderNode.Metrics;
using VectorStudio.EmbedderNode.ModelSource;
using VectorStudio.EmbedderNode.Services;
using VectorStudio.Hosting;
using VectorStudio.Metrics;
using VectorStudio.Rpc.Health;
using VectorStudio.Rpc.Reflection;
using VectorStudio.Rpc.Server;

namespace VectorStudio.EmbedderNode;

/// <summary>
/// Starts an embedder node: fetches the model package when it is given by URI, loads it (start-up fails
/// with the reason when either cannot be done),
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

    public static Task<int> RunAsync(string[] args) =>
        HostCommand.RunAsync(
            "vector-studio-embedder",
            EmbedderOptionDefinitions.All,
            args,
            EmbedderOptions.Bind,
            options => StartAsync(options, CancellationToken.None),
            host => host._host.WaitForShutdownAsync());

    /// <summary>Loads the model, starts both listeners and returns once they accept connections.</summary>
    public static async Task<EmbedderHost> StartAsync(EmbedderOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var metrics = new EmbedderMetrics();
        var processMetrics = new ProcessMetrics();
        var exporter = new PrometheusExporter("VectorStudio.");
        var readiness = new Readiness();
        var health = new HealthService();
        // The model loads before Kestrel starts (a node that cannot serve its model should not listen), so
        // it logs through its own factory; the host's takes over once listening.
        var modelLogging = LoggerFactory.Create(b => b
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            })
            .SetMinimumLevel(options.Server.LogLevel));
        var logger = modelLogging.CreateLogger("VectorStudio.EmbedderNode");
        IEmbeddingPipeline Load(string directory, string device) => LoadPipeline(options, directory, device, metrics, logger);
        var fetcher = new ModelFetcher(options.Fetch, logger);
        IDisposable[] beforeStart = [fetcher, metrics, processMetrics, exporter, modelLogging];
        IEmbeddingPipeline first;
        string? directory = options.ModelDir;
        try
        {
            directory ??= await fetcher.FetchAsync(
                options.ModelUri ?? throw new StartupException("no model: give --model-dir or --model-uri"), cancellationToken);
            first = Load(directory, options.Device);
            metrics.ModelLoads.Add(1, new KeyValuePair<string, object?>("outcome", "ok"));
        }
        catch (ModelFetchException e)
        {
            DisposeAll(beforeStart);
            throw new StartupException($"cannot fetch {e.Message}", e);
        }
        catch (Exception e) when (e is not StartupException and not OperationCanceledException)
        {
            DisposeAll(beforeStart);
            throw new StartupException($"cannot load the model package at {directory}: {e.Message}", e);
        }

        var slot = new ModelSlot(first);
        metrics.ObserveModel(slot);
        readiness.Changed += ready => health.SetStatus(string.Empty, ready
            ? Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
            : Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing);
        ServiceDefinition[] api =
        [
            new EmbedderService(slot, metrics, options.MaxTextsPerRequest).CreateDefinition(),
            new EmbedderAdminService(
                slot,
                Load,
                fetcher,
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
        return new EmbedderHost(host, options, slot, [slot, .. beforeStart]);
    }

    /// <summary>Loads a package's backend and tokenizer behind a micro-batcher with the node's settings.</summary>
    public static EmbeddingPipeline LoadPipeline(EmbedderOptions options, string directory, string device, EmbedderMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        var backend = new EmbeddingBackendOptions
        {
            Device = device,
            Fp16 = options.Fp16,
            IntraOpThreads = options.Threads == 0 ? Environment.ProcessorCount : options.Threads,
            CpuPrepack = options.CpuPrepack,
            Log = line => logger.LogInformation("{Line}", line),
        };
        var batching = new MicroBatcherOptions
        {
            MaxBatchSize = options.MaxBatchSize,
            MaxWait = options.MaxBatchWait,
            QueueCapacity = options.QueueCapacity,
        };
        return EmbeddingPipeline.Load(directory, backend, batching, metrics.Batching);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        DisposeAll(_owned);
    }

    private static void DisposeAll(IDisposable[] owned)
    {
        foreach (var o in owned)
        {
            o.Dispose();
        }
    }
}
