// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Snapshots;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Durability;

/// <summary>
/// A database that keeps what it acknowledged: the write-ahead log, the collection snapshots, and the
/// recovery that rebuilds the database from both (docs/storage.md).
/// </summary>
/// <remarks>
/// Life cycle: construct (an empty database, no log), <see cref="Recover"/> once (newest valid snapshot
/// of each collection, then the log after it; only then is the log opened for appending), then serve.
/// Collections are dropped through <see cref="DeleteCollectionAsync"/> so their snapshots go with them.
/// </remarks>
public sealed partial class DurableStore : IDisposable
{
    private readonly DurableStoreOptions _options;
    private readonly Action<string> _log;
    private readonly object _snapshotGate = new();
    private WriteAheadLog? _wal;

    public DurableStore(DurableStoreOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        _options = options;
        _log = log;
        Database = new VectorDatabase(options.Engine);
    }

    public VectorDatabase Database { get; }

    public DurableStoreOptions Options => _options;

    /// <summary>What <see cref="Recover"/> rebuilt and how long it took; null before it has run.</summary>
    public RecoveryReport? LastRecovery { get; private set; }

    /// <summary>The log once recovered, else null (metrics read it without a recovered check).</summary>
    public WriteAheadLog? WalIfOpen => Volatile.Read(ref _wal);

    /// <summary>The log; InvalidOperation before <see cref="Recover"/>.</summary>
    public WriteAheadLog Wal => _wal ?? throw new InvalidOperationException("the store has not recovered yet");

    /// <summary>Creates a store and recovers it.</summary>
    public static DurableStore Open(DurableStoreOptions options, Action<string> log)
    {
        var store = new DurableStore(options, log);
        try
        {
            store.Recover();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads the newest valid snapshot of every collection, replays the log after it, and opens the log for
    /// appending. Throws Corrupted (naming file and offset) for a corruption that recovery must not skip.
    /// </summary>
    public RecoveryReport Recover()
    {
        if (_wal is not null)
        {
            throw new InvalidOperationException("the store has recovered already");
        }

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_options.WalDirectory);
        Directory.CreateDirectory(_options.SnapshotDirectory);
        var snapshots = LoadSnapshots();
        var maxLsn = 0L;
        foreach (var collection in snapshots)
        {
            Database.AddRecovered(collection);
            maxLsn = Math.Max(maxLsn, collection.LastLsn);
        }

        var skipped = 0L;
        var read = WalReader.Read(
            _options.WalDirectory,
            _options.Repair,
            _log,
            record => skipped += Replay(record) ? 0 : 1,
            (op, name, lsn) =>
            {
                // The same decision Replay makes, taken before decoding: covered records cost only their CRC.
                var exists = Database.TryGetCollection(name, out var collection);
                var wanted = op == WalOp.CreateCollection ? !exists : exists && collection!.LastLsn < lsn;
                skipped += wanted ? 0 : 1;
                return wanted;
            });
        RemoveSnapshotsOfDroppedCollections();
        var nextLsn = Math.Max(read.LastLsn, maxLsn) + 1;
        _wal = WriteAheadLog.Open(_options.WalDirectory, nextLsn, read.Segments, _options.Wal);
        Database.AttachLog(_wal);
        var collections = Database.AllCollections();
        var report = new RecoveryReport(
            collections.Count, collections.Sum(c => c.Count()), snapshots.Count, read.Records, skipped,
            read.FirstLsn, read.LastLsn, read.TruncatedBytes, clock.Elapsed);
        _log($"recovery: {report.Collections} collections, {report.Points} points from {report.Snapshots} snapshots " +
            $"and {report.Records} log records (LSN {report.FirstLsn}..{report.LastLsn}, {report.Skipped} already in snapshots " +
            $"or for dropped collections), {report.TruncatedBytes} bytes truncated, in {report.Elapsed.TotalMilliseconds:F0} ms");
        LastRecovery = report;
        return report;
    }

    /// <summary>Drops a collection (durably) and deletes its snapshots.</summary>
    public async Task<long> DeleteCollectionAsync(string name)
    {
        var points = await Database.DeleteCollectionDurableAsync(name).ConfigureAwait(false);
        lock (_snapshotGate)
        {
            // After the drop is durable: a crash before this line replays the drop over the old snapshot.
            var directory = CollectionDirectory(name);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
                FileSync.SyncDirectory(_options.SnapshotDirectory);
            }
        }

        return points;
    }

    public void Dispose()
    {
        _wal?.Dispose();
        Database.Dispose();
    }

    /// <summary>Applies one log record unless a snapshot already covers it; false when it was skipped.</summary>
    private bool Replay(WalRecord record)
    {
        var exists = Database.TryGetCollection(record.Collection, out var collection);
        if (record.Op == WalOp.CreateCollection)
        {
            if (exists)
            {
                return false;
            }

            collection = Database.CreateCollection(record.Config!);
            collection.CreatedLsn = record.Lsn;
            collection.LastLsn = record.Lsn;
            return true;
        }

        if (!exists || collection!.LastLsn >= record.Lsn)
        {
            return false;
        }

        try
        {
            switch (record.Op)
            {
                case WalOp.DropCollection:
                    Database.DeleteCollection(record.Collection);
                    return true;
                case WalOp.Upsert:
                    collection.Upsert(record.Points!);
                    break;
                case WalOp.Delete:
                    collection.Delete(record.Ids!);
                    break;
                default:
                    throw new InvalidDataException($"op {record.Op}");
            }
        }
        catch (Exception e) when (e is EngineException or InvalidDataException)
        {
            throw EngineException.Corrupted(
                $"replaying log record LSN {record.Lsn} ({record.Op} on '{record.Collection}') failed: {e.Message}", e);
        }

        collection.LastLsn = record.Lsn;
        return true;
    }

    /// <summary>The newest valid snapshot of each collection; corrupt ones are skipped with a log line.</summary>
    private List<Collection> LoadSnapshots()
    {
        var loaded = new List<Collection>();
        foreach (var directory in Directory.GetDirectories(_options.SnapshotDirectory).Order(StringComparer.Ordinal))
        {
            foreach (var leftover in Directory.GetFiles(directory, "*.tmp"))
            {
                // A snapshot interrupted before its rename: never part of the state.
                File.Delete(leftover);
                _log($"snapshot: removed {leftover}, left by an interrupted snapshot");
            }

            var files = Directory.GetFiles(directory, "*" + SnapshotFormat.Extension).OrderDescending(StringComparer.Ordinal).ToList();
            Collection? newest = null;
            foreach (var file in files)
            {
                try
                {
                    newest = SnapshotFile.Load(file, _options.Engine);
                    break;
                }
                catch (EngineException e) when (e.Kind is EngineErrorKind.Corrupted or EngineErrorKind.InvalidArgument)
                {
                    _log($"snapshot: skipped {file}: {e.Message}; trying an older one");
                }
            }

            if (newest is not null)
            {
                loaded.Add(newest);
            }
            else if (files.Count > 0 && !_options.Repair)
            {
                throw EngineException.Corrupted(
                    $"collection '{Path.GetFileName(directory)}': none of its {files.Count} snapshots in {directory} is valid, " +
                    "and the log before them is gone. Restore it from a backup, or start with --repair to drop the collection.");
            }
        }

        return loaded;
    }

    /// <summary>
    /// A collection whose drop recovery replayed still has its snapshots on disk (the crash came before they
    /// were deleted); delete them now, before the log that holds the drop can be truncated.
    /// </summary>
    private void RemoveSnapshotsOfDroppedCollections()
    {
        foreach (var directory in Directory.GetDirectories(_options.SnapshotDirectory))
        {
            if (!Database.TryGetCollection(Path.GetFileName(directory), out _))
            {
                Directory.Delete(directory, recursive: true);
                _log($"snapshot: removed {directory}: its collection was dropped");
            }
        }

        FileSync.SyncDirectory(_options.SnapshotDirectory);
    }

    private string CollectionDirectory(string name) => Path.Combine(_options.SnapshotDirectory, name);
}
