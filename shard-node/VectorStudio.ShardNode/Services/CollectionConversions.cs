// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Wal;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary>Maps collection settings and descriptions between the contract and the engine.</summary>
public static class CollectionConversions
{
    /// <summary>The engine's configuration; unset durability fields take <paramref name="defaults"/>.</summary>
    public static CollectionConfig ToEngine(V1.CreateCollectionRequest request, DurabilityOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metric = request.Distance switch
        {
            V1.Distance.Cosine => DistanceMetric.Cosine,
            V1.Distance.Dot => DistanceMetric.Dot,
            V1.Distance.Euclid => DistanceMetric.Euclid,
            V1.Distance.Unspecified => throw StatusMapping.Invalid(
                "distance is required: DISTANCE_COSINE, DISTANCE_DOT or DISTANCE_EUCLID"),
            _ => throw StatusMapping.Invalid($"distance {(int)request.Distance} is unknown; accepted: DISTANCE_COSINE, DISTANCE_DOT, DISTANCE_EUCLID"),
        };
        var index = request.Index;
        var options = new IndexOptions
        {
            Kind = index?.Kind switch
            {
                null or V1.IndexKind.Unspecified => null,
                V1.IndexKind.Flat => IndexKind.Flat,
                V1.IndexKind.Hnsw => IndexKind.Hnsw,
                _ => throw StatusMapping.Invalid($"index kind {(int)index.Kind} is unknown; accepted: INDEX_KIND_FLAT, INDEX_KIND_HNSW"),
            },
            M = (int)Math.Min(index?.Hnsw?.M ?? 0, int.MaxValue),
            EfConstruct = (int)Math.Min(index?.Hnsw?.EfConstruct ?? 0, int.MaxValue),
            Ef = (int)Math.Min(index?.Hnsw?.Ef ?? 0, int.MaxValue),
            Int8Quantization = index?.Int8Quantization ?? false,
        };
        return new CollectionConfig(
            request.Name,
            (int)Math.Min(request.Dimension, int.MaxValue),
            metric,
            options,
            ToEngine(request.Durability, defaults ?? DurabilityOptions.Default),
            EmbedderConversions.ToEngine(request.Embedder));
    }

    private static DurabilityOptions ToEngine(V1.Durability? durability, DurabilityOptions defaults)
    {
        var mode = durability?.Fsync switch
        {
            null or V1.FsyncMode.Unspecified => defaults.Mode,
            V1.FsyncMode.Always => FsyncMode.Always,
            V1.FsyncMode.Interval => FsyncMode.Interval,
            var other => throw StatusMapping.Invalid(
                $"fsync mode {(int)other} is unknown; accepted: FSYNC_MODE_ALWAYS, FSYNC_MODE_INTERVAL"),
        };
        var interval = durability is { IntervalMs: > 0 } ? (int)Math.Min(durability.IntervalMs, int.MaxValue) : defaults.IntervalMs;
        return new DurabilityOptions(mode, interval);
    }

    public static V1.CollectionInfo ToContract(CollectionInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var config = info.Config;
        var index = config.Index ?? IndexOptions.Default;
        var result = new V1.CollectionInfo
        {
            Name = config.Name,
            Dimension = (uint)config.Dimension,
            Distance = config.Metric switch
            {
                DistanceMetric.Cosine => V1.Distance.Cosine,
                DistanceMetric.Dot => V1.Distance.Dot,
                DistanceMetric.Euclid => V1.Distance.Euclid,
            },
            Index = new V1.IndexParams
            {
                Kind = index.Kind switch
                {
                    IndexKind.Flat => V1.IndexKind.Flat,
                    IndexKind.Hnsw => V1.IndexKind.Hnsw,
                    null => V1.IndexKind.Unspecified,
                },
                Hnsw = new V1.HnswParams { M = (uint)index.M, EfConstruct = (uint)index.EfConstruct, Ef = (uint)index.Ef },
                Int8Quantization = index.Int8Quantization,
            },
            Durability = new V1.Durability
            {
                Fsync = (config.Durability ?? DurabilityOptions.Default).Mode switch
                {
                    FsyncMode.Always => V1.FsyncMode.Always,
                    FsyncMode.Interval => V1.FsyncMode.Interval,
                },
                IntervalMs = (uint)(config.Durability ?? DurabilityOptions.Default).IntervalMs,
            },
            PointCount = (ulong)info.PointCount,
            VectorBytes = (ulong)info.VectorBytes,
            PayloadBytes = (ulong)info.PayloadBytes,
            Embedder = EmbedderConversions.ToContract(config.Embedder),
        };
        foreach (var field in info.PayloadFields)
        {
            result.PayloadFields.Add(new V1.PayloadField
            {
                Key = field.Key,
                Indexed = field.Indexed,
                Type = field.Type switch
                {
                    PayloadFieldType.Keyword => V1.PayloadType.Keyword,
                    PayloadFieldType.Integer => V1.PayloadType.Integer,
                    PayloadFieldType.Double => V1.PayloadType.Double,
                    PayloadFieldType.Bool => V1.PayloadType.Bool,
                },
            });
        }

        return result;
    }
}
