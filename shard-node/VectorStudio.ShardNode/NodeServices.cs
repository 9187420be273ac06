// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using VectorStudio.Engine;
using VectorStudio.Engine.Collections;
using VectorStudio.Rpc.Health;
using VectorStudio.Rpc.Reflection;
using VectorStudio.Rpc.Server;
using VectorStudio.ShardNode.Configuration;
using VectorStudio.ShardNode.Metrics;
using VectorStudio.ShardNode.Services;

namespace VectorStudio.ShardNode;

/// <summary>The engine and the gRPC services a node serves over it, with per-collection gauges.</summary>
public sealed class NodeServices : IDisposable
{
    private NodeServices(VectorDatabase database, HealthService health, IReadOnlyList<ServiceDefinition> definitions)
    {
        Database = database;
        Health = health;
        Definitions = definitions;
    }

    public VectorDatabase Database { get; }

    public HealthService Health { get; }

    /// <summary>Collections, Points, Health and both reflection versions.</summary>
    public IReadOnlyList<ServiceDefinition> Definitions { get; }

    public static NodeServices Create(NodeOptions options, NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        var threads = options.SearchThreads == 0 ? Environment.ProcessorCount : options.SearchThreads;
        var database = new VectorDatabase(new EngineOptions { SearchThreads = threads });
        var health = new HealthService();
        ServiceDefinition[] api =
        [
            new CollectionsService(database).CreateDefinition(),
            new PointsService(database, metrics).CreateDefinition(),
            health.CreateDefinition(),
        ];
        RegisterCollectionGauges(metrics.Meter, database);
        return new NodeServices(database, health, ReflectionService.AddTo(api));
    }

    public void Dispose() => Database.Dispose();

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
