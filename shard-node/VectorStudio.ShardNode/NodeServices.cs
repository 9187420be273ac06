// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using VectorStudio.Engine;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Durability;
using VectorStudio.Engine.Wal;
using VectorStudio.Rpc.Health;
using VectorStudio.Rpc.Reflection;
using VectorStudio.Rpc.Server;
using VectorStudio.ShardNode.Configuration;
using VectorStudio.ShardNode.Embedding;
using VectorStudio.ShardNode.Metrics;
using VectorStudio.ShardNode.Services;

namespace VectorStudio.ShardNode;

/// <summary>
/// The durable store (not yet recovered), the gRPC services a node serves over it, the gate that holds
/// data calls until recovery is done, and per-collection gauges.
/// </summary>
public sealed class NodeServices : IDisposable
{
    private NodeServices(
        DurableStore store, EmbedderConnections embedders, HealthService health, IReadOnlyList<ServiceDefinition> definitions)
    {
        Store = store;
        Embedders = embedders;
        Health = health;
        Definitions = definitions;
    }

    public DurableStore Store { get; }

    public VectorDatabase Database => Store.Database;

    /// <summary>The channels to the embedders collections are bound to.</summary>
    public EmbedderConnections Embedders { get; }

    /// <summary>Refuses data calls (UNAVAILABLE) until <see cref="RecoveryGateInterceptor.Open"/>.</summary>
    public RecoveryGateInterceptor Gate { get; } = new();

    public HealthService Health { get; }

    /// <summary>Collections, Points, Health and both reflection versions.</summary>
    public IReadOnlyList<ServiceDefinition> Definitions { get; }

    /// <param name="options">The node's settings.</param>
    /// <param name="metrics">Where request and collection metrics go.</param>
    /// <param name="log">Where recovery and snapshot log lines go.</param>
    public static NodeServices Create(NodeOptions options, NodeMetrics metrics, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        var threads = options.SearchThreads == 0 ? Environment.ProcessorCount : options.SearchThreads;
        var storage = options.Storage;
        var store = new DurableStore(
            new DurableStoreOptions(options.DataDir)
            {
                Engine = new EngineOptions
                {
                    SearchThreads = threads,
                    DefaultDurability = new DurabilityOptions(storage.DefaultFsync, storage.FsyncIntervalMs),
                },
                Wal = new WalOptions { SegmentBytes = storage.SegmentBytes, SyncObserved = metrics.RecordWalSync },
                Repair = storage.Repair,
                WalRetentionBytes = storage.RetentionBytes,
            },
            log);
        var database = store.Database;
        var health = new HealthService();
        var embedders = new EmbedderConnections();
        var embedder = new TextEmbedder(embedders, TimeProvider.System);
        ServiceDefinition[] api =
        [
            new CollectionsService(store, embedder).CreateDefinition(),
            new PointsService(database, metrics, embedder).CreateDefinition(),
            new SnapshotsService(store, Path.Combine(options.DataDir, "uploads")).CreateDefinition(),
            health.CreateDefinition(),
        ];
        RegisterCollectionGauges(metrics.Meter, database);
        StorageMetrics.Register(metrics.Meter, store);
        return new NodeServices(store, embedders, health, ReflectionService.AddTo(api));
    }

    public void Dispose()
    {
        Embedders.Dispose();
        Store.Dispose();
    }

    private static void RegisterCollectionGauges(Meter meter, VectorDatabase database)
    {
        meter.CreateObservableGauge(
            "vdb_points",
            () => database.ListCollections().Select(c => new Measurement<long>(c.PointCount, Tag(c.Name))),
            description: "Live points, by collection.");
        meter.CreateObservableGauge(
            "vdb_collection_bytes",
            () => database.ListCollections().SelectMany(c => new[]
            {
                new Measurement<long>(c.VectorBytes, Tag(c.Name), new KeyValuePair<string, object?>("kind", "vectors")),
                new Measurement<long>(c.PayloadBytes, Tag(c.Name), new KeyValuePair<string, object?>("kind", "payloads")),
            }),
            description: "Bytes held by a collection's vectors (with index structures) and payloads.");
        meter.CreateObservableGauge(
            "vdb_collections",
            () => (long)database.ListCollections().Count,
            description: "Collections on this node.");
    }

    private static KeyValuePair<string, object?> Tag(string collection) => new("collection", collection);
}
