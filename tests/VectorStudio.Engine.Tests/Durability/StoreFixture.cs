// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Engine.Durability;
using VectorStudio.Engine.Storage;
using VectorStudio.Engine.Wal;

namespace VectorStudio.Engine.Tests.Durability;

/// <summary>A data directory of its own for one test, stores opened on it, and state comparison helpers.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly List<string> _log = [];

    public StoreFixture(WalOptions? wal = null)
    {
        DataDir = Directory.CreateTempSubdirectory("vs-durable-").FullName;
        Wal = wal ?? new WalOptions();
    }

    public string DataDir { get; }

    public WalOptions Wal { get; }

    public string WalDir => Path.Combine(DataDir, "wal");

    /// <summary>Every line the stores opened here logged.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public DurableStore Open(bool repair = false, long retentionBytes = 0) => DurableStore.Open(
        new DurableStoreOptions(DataDir) { Wal = Wal, Repair = repair, WalRetentionBytes = retentionBytes },
        line =>
        {
            lock (_log)
            {
                _log.Add(line);
            }
        });

    public static CollectionConfig Config(string name, int dimension = 4, IndexKind kind = IndexKind.Flat, FsyncMode mode = FsyncMode.Always) =>
        new(name, dimension, DistanceMetric.Euclid, new IndexOptions { Kind = kind }, new DurabilityOptions(mode, 5));

    /// <summary>Every point of a collection as id → "vector|payload" text, for equality checks.</summary>
    public static Dictionary<PointId, string> State(Collection collection)
    {
        var state = new Dictionary<PointId, string>();
        PointId? after = null;
        while (true)
        {
            var page = collection.Scroll(null, after, 1000, withVectors: true, withPayload: true);
            foreach (var point in page.Points)
            {
                var payload = point.Payload is null
                    ? string.Empty
                    : string.Join(",", point.Payload.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
                state[point.Id] = string.Join(",", point.Vector!) + "|" + payload;
            }

            if (page.NextAfter is not { } next)
            {
                return state;
            }

            after = next;
        }
    }

    public string[] SegmentFiles() => [.. Directory.GetFiles(WalDir, "*.wal").Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
