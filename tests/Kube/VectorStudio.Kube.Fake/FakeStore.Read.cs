// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json.Nodes;

namespace VectorStudio.Kube.Fake;

/// <summary>Reads: get, list with selectors and continue tokens, and opening a watch.</summary>
public sealed partial class FakeStore
{
    public JsonObject Get(FakeKind kind, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects[kind].TryGetValue(Key(ns, name), out var obj)
                ? (JsonObject)obj.DeepClone()
                : throw FakeApiException.NotFound(kind, name);
        }
    }

    public JsonObject? TryGet(FakeKind kind, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects[kind].TryGetValue(Key(ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>
    /// A list page. The continue token carries the list's version and the last key: later pages
    /// continue after that key (the fake serves them from the current state, where a real server
    /// serves the snapshot; both report the first page's version), and a token older than the
    /// history gets 410 like a compacted etcd revision.
    /// </summary>
    public JsonObject List(FakeKind kind, string? ns, LabelSelector selector, string? fieldSelector, int? limit, string? continueToken)
    {
        var fields = ParseFieldSelector(fieldSelector);
        lock (_lock)
        {
            var listVersion = _version;
            string? after = null;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (listVersion, after) = ParseContinue(continueToken);
                if (listVersion < _compactedThrough)
                {
                    throw FakeApiException.Gone("The provided continue parameter is too old to display a consistent list result.");
                }
            }

            var matching = _objects[kind]
                .Where(p => after is null || string.CompareOrdinal(p.Key, after) > 0)
                .Select(p => p.Value)
                .Where(o => (ns is null || o["metadata"]?["namespace"]?.GetValue<string>() == ns) && selector.Matches(o))
                .Where(o => fields.TrueForAll(f => f(o)))
                .ToList();
            var page = limit is > 0 ? matching.Take(limit.Value).ToList() : matching;
            var meta = new JsonObject { ["resourceVersion"] = Str(listVersion) };
            if (page.Count < matching.Count)
            {
                var last = page[^1];
                var lastKey = Key(last["metadata"]?["namespace"]?.GetValue<string>(), NameOf(last)!);
                meta["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{listVersion}|{lastKey}"));
                meta["remainingItemCount"] = matching.Count - page.Count;
            }

            return new JsonObject
            {
                ["kind"] = kind.Kind + "List",
                ["apiVersion"] = kind.ApiVersion,
                ["metadata"] = meta,
                ["items"] = new JsonArray([.. page.Select(o => o.DeepClone())]),
            };
        }
    }

    /// <summary>
    /// Opens a watch. No version (or "0"): synthetic ADDED for every current object, then live
    /// changes. A version: the history after it, then live changes; 410 when older than the history.
    /// </summary>
    public FakeWatcher Watch(FakeKind kind, string? ns, LabelSelector selector, string? resourceVersion, bool bookmarks)
    {
        var watcher = new FakeWatcher(kind, ns, selector, bookmarks);
        lock (_lock)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var obj in _objects[kind].Values)
                {
                    watcher.Offer(new StoredEvent(_version, kind, "ADDED", obj));
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, out var from))
                {
                    throw FakeApiException.BadRequest($"invalid resourceVersion \"{resourceVersion}\"");
                }

                if (from < _compactedThrough)
                {
                    throw FakeApiException.Gone($"too old resource version: {from} ({_compactedThrough + 1})");
                }

                foreach (var ev in _history.Where(e => e.ResourceVersion > from))
                {
                    watcher.Offer(ev);
                }
            }

            _watchers.Add(watcher);
        }

        return watcher;
    }

    private static (long Version, string After) ParseContinue(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return (long.Parse(text[..bar], System.Globalization.CultureInfo.InvariantCulture), text[(bar + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw FakeApiException.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }

    private static List<Func<JsonObject, bool>> ParseFieldSelector(string? text)
    {
        var terms = new List<Func<JsonObject, bool>>();
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = term.Split('=', 2);
            var field = parts[0].TrimEnd('!');
            var negate = parts[0].EndsWith('!');
            if (parts.Length != 2 || field is not ("metadata.name" or "metadata.namespace"))
            {
                throw FakeApiException.BadRequest(
                    $"field label not supported: \"{term}\" (the fake serves metadata.name and metadata.namespace)");
            }

            var key = field["metadata.".Length..];
            var value = parts[1].TrimStart('=');
            terms.Add(o => (o["metadata"]?[key]?.GetValue<string>() == value) != negate);
        }

        return terms;
    }
}
