// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VectorStudio.Kube.Fake;

/// <summary>
/// The fake server's state: objects by kind and <c>namespace/name</c>, one global resourceVersion
/// counter bumped by every write, a bounded history of changes (watches from a version older than
/// the history get 410 Gone), and the open watches. Every operation runs under one lock, so
/// versions, history and watch fan-out are in one order. Objects are JSON; the store never knows
/// their schema beyond <c>metadata</c>, <c>spec</c>-vs-<c>status</c> and ownerReferences.
/// Writes live in FakeStore.Write.cs, reads and watches in FakeStore.Read.cs.
/// </summary>
public sealed partial class FakeStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeKind> _kinds = [];
    private readonly Dictionary<FakeKind, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly Queue<StoredEvent> _history = new();
    private readonly List<FakeWatcher> _watchers = [];
    // Starts above 0: "0" means "any version" to a watch, so no list may report it.
    private long _version = 1;
    private long _compactedThrough;

    /// <summary>How many changes the history keeps; older versions get 410 Gone.</summary>
    public int HistoryLimit { get; set; } = 1000;

    /// <summary>The current global resourceVersion.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public int OpenWatches
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    public void Register(FakeKind kind)
    {
        lock (_lock)
        {
            _kinds[kind.Key] = kind;
            _objects.TryAdd(kind, new SortedDictionary<string, JsonObject>(StringComparer.Ordinal));
        }
    }

    public FakeKind? Find(string group, string version, string plural)
    {
        lock (_lock)
        {
            return _kinds.GetValueOrDefault($"{group}/{version}/{plural}");
        }
    }

    /// <summary>Forgets all history: every watch from an existing version now gets 410.</summary>
    public void CompactHistory()
    {
        lock (_lock)
        {
            _history.Clear();
            _compactedThrough = _version;
        }
    }

    /// <summary>Sends a BOOKMARK at the current version to every watch that allows them.</summary>
    public void SendBookmarks()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                w.Bookmark(_version);
            }
        }
    }

    /// <summary>Aborts every open watch connection mid-stream.</summary>
    public void DropWatches()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                w.Drop();
            }
        }
    }

    /// <summary>Ends every open watch cleanly, as a server timeout does.</summary>
    public void EndWatches()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
            {
                w.End();
            }
        }
    }

    internal void Unwatch(FakeWatcher watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
        }
    }

    private static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    private static string Str(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string? NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>();

    private static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    /// <summary>Stores (or removes, for DELETED) the object at a new version and tells the watches. Caller holds the lock.</summary>
    private JsonObject Commit(FakeKind kind, string key, JsonObject obj, string type)
    {
        // Normalise to parsed JSON, so values set in code (ints) compare and read like values from requests.
        obj = JsonNode.Parse(obj.ToJsonString())!.AsObject();
        _version++;
        Meta(obj)["resourceVersion"] = Str(_version);
        if (type == "DELETED")
        {
            _objects[kind].Remove(key);
        }
        else
        {
            _objects[kind][key] = obj;
        }

        var ev = new StoredEvent(_version, kind, type, (JsonObject)obj.DeepClone());
        _history.Enqueue(ev);
        while (_history.Count > HistoryLimit)
        {
            _compactedThrough = _history.Dequeue().ResourceVersion;
        }

        foreach (var w in _watchers)
        {
            w.Offer(ev);
        }

        return (JsonObject)obj.DeepClone();
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
