// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Collections;

/// <summary>
/// The named collections of one shard replica: create, get, list, delete. Thread-safe; the map is
/// guarded by a plain lock, and each collection has its own reader/writer lock.
/// </summary>
/// <remarks>
/// Locks: no method holds the database lock while it waits for a collection's lock, so the two never
/// deadlock. A handle kept past its collection's deletion answers NotFound.
/// </remarks>
public sealed class VectorDatabase : IDisposable
{
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly EngineOptions _options;
    private WriteAheadLog? _log;

    public VectorDatabase(EngineOptions? options = null)
    {
        _options = options ?? new EngineOptions();
    }

    /// <summary>The log every change is written to; null for an in-memory database.</summary>
    public WriteAheadLog? Log => _log;

    /// <summary>Starts logging every change to <paramref name="log"/> (after recovery has replayed it).</summary>
    public void AttachLog(WriteAheadLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        lock (_gate)
        {
            _log = log;
            foreach (var collection in _collections.Values)
            {
                collection.Log = log;
            }
        }
    }

    /// <summary>
    /// Creates a collection; AlreadyExists if the name is taken, InvalidArgument for bad settings. With a log
    /// attached the creation is logged but not awaited (<see cref="CreateCollectionDurableAsync"/> waits).
    /// </summary>
    public Collection CreateCollection(CollectionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        config = config with { Durability = config.Durability ?? _options.DefaultDurability };
        lock (_gate)
        {
            if (_collections.ContainsKey(config.Name))
            {
                throw EngineException.AlreadyExists($"collection '{config.Name}' already exists");
            }

            if (_collections.Count >= EngineLimits.MaxCollections)
            {
                throw EngineException.ResourceExhausted(
                    $"this node holds {_collections.Count} collections, the limit; delete one first");
            }

            var collection = new Collection(config, _options);
            if (_log is not null)
            {
                collection.CreatedLsn = _log.Append(WalRecordCodec.EncodeCreate(collection.Config));
                collection.LastLsn = collection.CreatedLsn;
                collection.Log = _log;
            }

            _collections.Add(config.Name, collection);
            return collection;
        }
    }

    /// <summary><see cref="CreateCollection"/>, completing once the creation is durable.</summary>
    public async Task<Collection> CreateCollectionDurableAsync(CollectionConfig config)
    {
        var collection = CreateCollection(config);
        await collection.WaitDurableAsync(collection.CreatedLsn).ConfigureAwait(false);
        return collection;
    }

    /// <summary>The named collection; NotFound if it does not exist.</summary>
    public Collection GetCollection(string name) =>
        TryGetCollection(name, out var collection) ? collection : throw EngineException.CollectionNotFound(name);

    public bool TryGetCollection(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Collection? collection)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return _collections.TryGetValue(name, out collection);
        }
    }

    /// <summary>Every collection's info, sorted by name (ordinal).</summary>
    public IReadOnlyList<CollectionInfo> ListCollections()
    {
        Collection[] all;
        lock (_gate)
        {
            all = [.. _collections.Values];
        }

        var infos = new List<CollectionInfo>(all.Length);
        foreach (var collection in all.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            try
            {
                infos.Add(collection.GetInfo());
            }
            catch (EngineException e) when (e.Kind == EngineErrorKind.NotFound)
            {
                // Deleted between the snapshot and here: it is no longer listed.
            }
        }

        return infos;
    }

    /// <summary>Deletes a collection and its points; NotFound if it does not exist. Returns the points it held.</summary>
    public long DeleteCollection(string name) => DeleteLogged(name).Points;

    /// <summary><see cref="DeleteCollection"/>, completing once the drop is durable.</summary>
    public async Task<long> DeleteCollectionDurableAsync(string name)
    {
        var (collection, points, lsn) = DeleteLogged(name);
        await collection.WaitDurableAsync(lsn).ConfigureAwait(false);
        return points;
    }

    /// <summary>Adds a collection rebuilt by recovery or restored from a snapshot; AlreadyExists if the name is taken.</summary>
    internal void AddRecovered(Collection collection)
    {
        lock (_gate)
        {
            if (!_collections.TryAdd(collection.Name, collection))
            {
                throw EngineException.AlreadyExists($"collection '{collection.Name}' already exists");
            }

            collection.Log = _log;
        }
    }

    /// <summary>
    /// Adds a restored collection: under the map lock, checks the name is free, runs <paramref name="persist"/>
    /// (which makes the restore durable), then makes the collection visible.
    /// </summary>
    internal void AddRestored(Collection collection, Action<Collection> persist)
    {
        lock (_gate)
        {
            if (_collections.ContainsKey(collection.Name))
            {
                throw EngineException.AlreadyExists($"collection '{collection.Name}' already exists");
            }

            persist(collection);
            collection.Log = _log;
            _collections.Add(collection.Name, collection);
        }
    }

    /// <summary>Every collection, in no order (snapshots walk them).</summary>
    internal IReadOnlyList<Collection> AllCollections()
    {
        lock (_gate)
        {
            return [.. _collections.Values];
        }
    }

    private (Collection Collection, long Points, long Lsn) DeleteLogged(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // The map lock is held while the drop waits for the collection's in-flight writes, so no create of
        // the same name can slip in between logging the drop and removing the entry. Reads of other
        // collections wait that long too: deleting is rare.
        lock (_gate)
        {
            if (!_collections.TryGetValue(name, out var collection))
            {
                throw EngineException.CollectionNotFound(name);
            }

            var (points, lsn) = collection.MarkDeleted();
            _collections.Remove(name);
            return (collection, points, lsn);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var collection in _collections.Values)
            {
                collection.Dispose();
            }

            _collections.Clear();
        }
    }
}
