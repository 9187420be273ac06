// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Hnsw;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Collections;

/// <summary>
/// One collection of one shard replica: vectors, ids, payloads, payload indexes and the index that
/// serves searches. Every method is thread-safe.
/// </summary>
/// <remarks>
/// Concurrency: a reader/writer lock. Searches, gets, counts and scrolls share the read lock (a search
/// may fan out to worker threads under it); upserts and deletes take the write lock, so a reader
/// never sees a half-written point or batch. Writers are preferred: once one waits, new readers
/// queue behind it, so a stream of searches cannot starve writes.
/// </remarks>
public sealed partial class Collection : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly IVectorStorage _vectors;
    private readonly PointTable _points = new();
    private readonly PayloadSchema _schema = new();
    private readonly PayloadIndex _payloadIndex = new();
    private readonly IVectorIndex _index;
    private readonly EngineOptions _options;
    private bool _deleted;

    private static IReadOnlyDictionary<string, PayloadValue> EmptyPayload { get; } = new Dictionary<string, PayloadValue>();

    /// <summary>Creates an empty collection; the configuration is validated first.</summary>
    public Collection(CollectionConfig config, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config.WithDefaults();
        _options = options ?? new EngineOptions();
        _vectors = Config.Index!.Kind == IndexKind.Hnsw
            ? new RowVectorStorage(Config.Dimension)
            : new PanelVectorStorage(Config.Dimension);
        _index = CreateIndex(Config.Index!, _options);
    }

    public string Name => Config.Name;

    /// <summary>The configuration with index defaults filled in.</summary>
    public CollectionConfig Config { get; }

    public int Dimension => Config.Dimension;

    /// <summary>Size, payload fields and settings.</summary>
    public CollectionInfo GetInfo()
    {
        EnterRead();
        try
        {
            var fields = _schema.Fields
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => new PayloadFieldInfo(f.Key, f.Value, _payloadIndex.IsIndexed(f.Key)))
                .ToArray();
            return new CollectionInfo(
                Config, _points.Count, _vectors.AllocatedBytes + _index.IndexBytes, _points.PayloadBytes, fields);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// Marks the collection deleted: later calls fail with NotFound. Returns the points it held and the LSN
    /// of its drop record. The drop is logged under the write lock, after every write logged before it.
    /// </summary>
    internal (long Points, long Lsn) MarkDeleted()
    {
        EnterWrite();
        try
        {
            var lsn = AppendToLog(Log is null ? null : Wal.WalRecordCodec.EncodeDrop(Name));
            _deleted = true;
            return (_points.Count, lsn);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The index serving searches, as the collection's index kind says. An HNSW index reads the
    /// collection's row store (its one float copy); a flat collection keeps panels for the exact scan.
    /// </summary>
    private IVectorIndex CreateIndex(IndexOptions options, EngineOptions engine) => options.Kind switch
    {
        IndexKind.Flat or null => new FlatIndex(engine.ParallelScanMinFloats),
        IndexKind.Hnsw => new HnswIndex(
            (RowVectorStorage)_vectors, Config.Metric == DistanceMetric.Euclid, options, engine),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown index kind"),
    };

    private void EnterRead()
    {
        _lock.EnterReadLock();
        if (_deleted)
        {
            _lock.ExitReadLock();
            throw EngineException.CollectionNotFound(Name);
        }
    }

    private void EnterWrite()
    {
        _lock.EnterWriteLock();
        if (_deleted)
        {
            _lock.ExitWriteLock();
            throw EngineException.CollectionNotFound(Name);
        }
    }
}
