// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Snapshots;
using VectorStudio.Engine.Testing;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Durability;

/// <summary>Snapshots: on demand, as checkpoints (all collections, then log truncation), listing, restore.</summary>
public sealed partial class DurableStore
{
    /// <summary>Fault points of the snapshot write sequence, in order (tests interrupt each one).</summary>
    public static readonly IReadOnlyList<string> SnapshotSteps =
        ["snapshot.temp-created", "snapshot.written", "snapshot.synced", "snapshot.renamed", "snapshot.dir-synced"];

    private SnapshotTiming? _lastSnapshot;
    private long _snapshotsWritten;

    /// <summary>The snapshot written last (by a checkpoint, on demand or before a restore); null before the first.</summary>
    public SnapshotTiming? LastSnapshot => Volatile.Read(ref _lastSnapshot);

    /// <summary>Snapshot files written since the store was opened.</summary>
    public long SnapshotsWritten => Interlocked.Read(ref _snapshotsWritten);

    /// <summary>Writes a snapshot of one collection now. NotFound if it does not exist; DiskFull if it does not fit.</summary>
    public SnapshotInfo CreateSnapshot(string collection)
    {
        lock (_snapshotGate)
        {
            var snapshot = WriteSnapshotFile(Database.GetCollection(collection));
            TruncateLog();
            return snapshot;
        }
    }

    /// <summary>
    /// A checkpoint: snapshots every collection changed since its newest snapshot, then deletes the log
    /// segments every collection's oldest kept snapshot covers (keeping the retention amount).
    /// </summary>
    public IReadOnlyList<SnapshotInfo> Checkpoint()
    {
        var written = new List<SnapshotInfo>();
        lock (_snapshotGate)
        {
            foreach (var collection in Database.AllCollections())
            {
                var snapshots = ListSnapshots(collection.Name);
                var newest = snapshots.Count == 0 ? null : snapshots[^1];
                if (newest is not null && newest.Lsn >= collection.LastLsn)
                {
                    continue;
                }

                try
                {
                    written.Add(WriteSnapshotFile(collection));
                }
                catch (EngineException e) when (e.Kind == EngineErrorKind.NotFound)
                {
                    // Dropped meanwhile: nothing to keep.
                }
            }

            TruncateLog();
        }

        return written;
    }

    /// <summary>Snapshot files, oldest first; of one collection, or of all when <paramref name="collection"/> is null.</summary>
    public IReadOnlyList<SnapshotInfo> ListSnapshots(string? collection = null)
    {
        var directories = collection is null
            ? Directory.GetDirectories(_options.SnapshotDirectory)
            : Directory.Exists(CollectionDirectory(collection)) ? [CollectionDirectory(collection)] : [];
        var result = new List<SnapshotInfo>();
        foreach (var directory in directories.Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(directory, "*" + SnapshotFormat.Extension).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (long.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lsn))
                {
                    result.Add(new SnapshotInfo(Path.GetFileName(directory), name, lsn, new FileInfo(file).Length, file));
                }
            }
        }

        return result;
    }

    /// <summary>One snapshot; NotFound (saying which exist) when there is no such snapshot.</summary>
    public SnapshotInfo GetSnapshot(string collection, string name)
    {
        var all = ListSnapshots(collection);
        return all.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
            ?? throw EngineException.NotFound(all.Count == 0
                ? $"collection '{collection}' has no snapshot"
                : $"collection '{collection}' has no snapshot '{name}'; it has: {string.Join(", ", all.Select(s => s.Name))}");
    }

    /// <summary>
    /// Restores a snapshot file as collection <paramref name="target"/> (null: the name stored in the
    /// snapshot). An existing collection of that name is replaced when <paramref name="replace"/> is set,
    /// else AlreadyExists. A damaged file is refused (InvalidArgument) and nothing changes.
    /// </summary>
    public async Task<CollectionInfo> RestoreAsync(string file, string? target, bool replace)
    {
        if (target is not null)
        {
            CollectionNames.Validate(target);
        }

        Collection restored;
        try
        {
            restored = SnapshotFile.Load(file, _options.Engine, target);
        }
        catch (EngineException e) when (e.Kind == EngineErrorKind.Corrupted)
        {
            throw EngineException.InvalidArgument($"the snapshot is damaged or not a snapshot: {e.Message}; nothing was changed");
        }

        if (Database.TryGetCollection(restored.Name, out _))
        {
            if (!replace)
            {
                restored.Dispose();
                throw EngineException.AlreadyExists(
                    $"collection '{restored.Name}' exists; restore under another name, or set replace to drop it first");
            }

            await DeleteCollectionAsync(restored.Name).ConfigureAwait(false);
        }

        lock (_snapshotGate)
        {
            // No log record: the snapshot file, covering everything up to the log's current LSN, is the
            // durable form of the restore; it is written before the collection is visible or acknowledged.
            Database.AddRestored(restored, collection =>
            {
                collection.CreatedLsn = Wal.LastLsn;
                collection.LastLsn = Wal.LastLsn;
                WriteSnapshotFile(collection);
            });
        }

        return restored.GetInfo();
    }

    /// <summary>Writes a snapshot file atomically: temp file, fsync, rename, fsync of the directory.</summary>
    private SnapshotInfo WriteSnapshotFile(Collection collection)
    {
        var directory = CollectionDirectory(collection.Name);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            FileSync.SyncDirectory(_options.SnapshotDirectory);
        }

        var temp = Path.Combine(directory, $"{Guid.NewGuid():N}.tmp");
        var started = Stopwatch.GetTimestamp();
        try
        {
            long lsn;
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                FaultInjection.Hit(SnapshotSteps[0]);
                lsn = collection.WriteSnapshot(file);
                FaultInjection.Hit(SnapshotSteps[1]);
                file.Flush(flushToDisk: true);
            }

            FaultInjection.Hit(SnapshotSteps[2]);
            var path = Path.Combine(directory, SnapshotFormat.Name(lsn) + SnapshotFormat.Extension);
            File.Move(temp, path, overwrite: true);
            FaultInjection.Hit(SnapshotSteps[3]);
            FileSync.SyncDirectory(directory);
            FaultInjection.Hit(SnapshotSteps[4]);
            PruneSnapshots(collection.Name);
            var info = new SnapshotInfo(collection.Name, SnapshotFormat.Name(lsn), lsn, new FileInfo(path).Length, path);
            Volatile.Write(ref _lastSnapshot, new SnapshotTiming(info, _options.Time.GetUtcNow(), Stopwatch.GetElapsedTime(started)));
            Interlocked.Increment(ref _snapshotsWritten);
            return info;
        }
        catch (IOException e) when (FileSync.IsDiskFull(e))
        {
            TryDelete(temp);
            throw EngineException.DiskFull(
                $"the disk is full: the snapshot of '{collection.Name}' was not written (nothing else changed); free space and retry", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private void PruneSnapshots(string collection)
    {
        var all = ListSnapshots(collection);
        foreach (var old in all.Take(Math.Max(0, all.Count - Math.Max(1, _options.SnapshotsKept))))
        {
            File.Delete(old.Path);
        }
    }

    /// <summary>Deletes log segments that every collection's oldest kept snapshot covers. Call under the snapshot lock.</summary>
    private void TruncateLog()
    {
        var bound = Wal.LastLsn;
        foreach (var collection in Database.AllCollections())
        {
            var snapshots = ListSnapshots(collection.Name);
            var oldest = snapshots.Count == 0 ? null : snapshots[0];
            bound = Math.Min(bound, oldest?.Lsn ?? (collection.CreatedLsn - 1));
        }

        foreach (var segment in Wal.DeleteSegmentsThrough(bound, _options.WalRetentionBytes))
        {
            _log($"wal: deleted segment {segment.Path} ({segment.Bytes} bytes): snapshots cover it");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: recovery deletes leftover temp files too.
        }
    }
}
