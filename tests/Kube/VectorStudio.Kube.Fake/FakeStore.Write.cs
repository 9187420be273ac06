// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace VectorStudio.Kube.Fake;

/// <summary>
/// Writes, with the real server's rules: uid, creationTimestamp and generation set on create;
/// generation bumped only when something outside metadata and status changes; a stale
/// resourceVersion is 409; with a status subresource, the main resource never writes status and
/// <c>/status</c> writes nothing else; a write that changes nothing keeps the version.
/// </summary>
public sealed partial class FakeStore
{
    public JsonObject Create(FakeKind kind, string? ns, JsonObject body)
    {
        lock (_lock)
        {
            return CreateLocked(kind, ns, body);
        }
    }

    public JsonObject Update(FakeKind kind, string? ns, string name, JsonObject body, bool status)
    {
        CheckBody(kind, ns, name, body, requireTypeMeta: false);
        lock (_lock)
        {
            var old = Existing(kind, ns, name, status);
            CheckVersion(kind, name, old, body);
            return WriteLocked(kind, old, Next(kind, old, body, status));
        }
    }

    /// <summary>JSON merge patch (RFC 7386); a resourceVersion in the patch is a precondition.</summary>
    public JsonObject Patch(FakeKind kind, string? ns, string name, JsonNode? patch, bool status)
    {
        if (patch is not JsonObject patchObject)
        {
            throw FakeApiException.BadRequest("a merge patch must be a JSON object");
        }

        lock (_lock)
        {
            var old = Existing(kind, ns, name, status);
            CheckVersion(kind, name, old, patchObject);
            var merged = (JsonObject)JsonMerge.MergePatch(old.DeepClone(), patchObject)!;
            return WriteLocked(kind, old, Next(kind, old, merged, status));
        }
    }

    /// <summary>Server-side apply, simplified to a recursive merge (see <see cref="JsonMerge"/>); creates when absent.</summary>
    public JsonObject Apply(FakeKind kind, string? ns, string name, JsonObject body, string? fieldManager, bool status)
    {
        if (string.IsNullOrEmpty(fieldManager))
        {
            throw FakeApiException.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                + "is required for apply patch");
        }

        CheckBody(kind, ns, name, body, requireTypeMeta: true);
        lock (_lock)
        {
            if (!_objects[kind].TryGetValue(Key(kind.Namespaced ? ns : null, name), out var old))
            {
                return status ? throw FakeApiException.NotFound(kind, name) : CreateLocked(kind, ns, body);
            }

            CheckVersion(kind, name, old, body);
            var merged = (JsonObject)JsonMerge.MergePatch(old.DeepClone(), body)!;
            return WriteLocked(kind, old, Next(kind, old, merged, status));
        }
    }

    private JsonObject CreateLocked(FakeKind kind, string? ns, JsonObject body)
    {
        body = (JsonObject)body.DeepClone();
        var meta = Meta(body);
        CheckBody(kind, ns, NameOf(body), body, requireTypeMeta: false);
        if (kind.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw FakeApiException.BadRequest($"{kind.Plural} are namespaced: the request needs a namespace");
        }

        if (!string.IsNullOrEmpty(meta["resourceVersion"]?.GetValue<string>()))
        {
            throw FakeApiException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        var name = NameOf(body);
        if (string.IsNullOrEmpty(name) && meta["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            name = prefix + Guid.NewGuid().ToString("N")[..5];
            meta["name"] = name;
        }

        if (string.IsNullOrEmpty(name))
        {
            throw FakeApiException.Invalid(kind, "", "metadata.name", "Required value: name or generateName is required");
        }

        if (name.Length > 253 || !DnsSubdomain().IsMatch(name))
        {
            throw FakeApiException.Invalid(kind, name, "metadata.name",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                + "characters, '-' or '.', and must start and end with an alphanumeric character");
        }

        var key = Key(kind.Namespaced ? ns : null, name);
        if (_objects[kind].ContainsKey(key))
        {
            throw FakeApiException.AlreadyExists(kind, name);
        }

        body["apiVersion"] = kind.ApiVersion;
        body["kind"] = kind.Kind;
        meta.Remove("namespace");
        if (kind.Namespaced)
        {
            meta["namespace"] = ns;
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        meta["generation"] = 1;
        meta.Remove("deletionTimestamp");
        if (kind.HasStatus)
        {
            body.Remove("status");
        }

        var created = Commit(kind, key, body, "ADDED");
        // The real collector deletes, soon after, a dependent created with owners that no longer exist
        // (a controller that raced with its owner's deletion); the fake does it at once.
        if (IsOrphaned(body))
        {
            DeleteLocked(kind, body, "Background");
        }

        return created;
    }

    private bool IsOrphaned(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 } refs
        && refs.All(r => r?["uid"]?.GetValue<string>() is not { } uid
            || !_objects.Values.Any(objects => objects.Values.Any(o => o["metadata"]?["uid"]?.GetValue<string>() == uid)));

    /// <summary>The object a write produces: <paramref name="proposed"/> for its part, the old object for the rest.</summary>
    private static JsonObject Next(FakeKind kind, JsonObject old, JsonObject proposed, bool status)
    {
        if (status)
        {
            var next = (JsonObject)old.DeepClone();
            next["status"] = proposed["status"]?.DeepClone();
            return next;
        }

        var result = (JsonObject)proposed.DeepClone();
        var meta = Meta(result);
        var oldMeta = Meta(old);
        foreach (var immutable in new[] { "uid", "creationTimestamp", "deletionTimestamp", "namespace", "name", "generation" })
        {
            meta[immutable] = oldMeta[immutable]?.DeepClone();
        }

        result["apiVersion"] = kind.ApiVersion;
        result["kind"] = kind.Kind;
        if (kind.HasStatus)
        {
            result["status"] = old["status"]?.DeepClone();
        }

        return result;
    }

    private JsonObject WriteLocked(FakeKind kind, JsonObject old, JsonObject next)
    {
        RemoveNulls(next);
        var key = Key(old["metadata"]?["namespace"]?.GetValue<string>(), NameOf(old)!);
        var meta = Meta(next);
        meta["resourceVersion"] = old["metadata"]?["resourceVersion"]?.DeepClone();
        if (JsonMerge.DeepEquals(old, next))
        {
            return (JsonObject)old.DeepClone();
        }

        var generation = old["metadata"]?["generation"] is { } g ? long.Parse(g.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : 1;
        meta["generation"] = SpecChanged(old, next) ? generation + 1 : generation;
        var finalizers = meta["finalizers"] as JsonArray;
        if (meta["deletionTimestamp"] is not null && (finalizers is null || finalizers.Count == 0))
        {
            // The last finalizer is gone from an object being deleted: now it goes.
            return Commit(kind, key, next, "DELETED");
        }

        return Commit(kind, key, next, "MODIFIED");
    }

    private static bool SpecChanged(JsonObject old, JsonObject next)
    {
        var a = (JsonObject)old.DeepClone();
        var b = (JsonObject)next.DeepClone();
        foreach (var o in new[] { a, b })
        {
            o.Remove("metadata");
            o.Remove("status");
        }

        return !JsonMerge.DeepEquals(a, b);
    }

    private static void RemoveNulls(JsonObject obj)
    {
        foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(name);
        }

        foreach (var (_, value) in obj)
        {
            if (value is JsonObject child)
            {
                RemoveNulls(child);
            }
        }
    }

    private JsonObject Existing(FakeKind kind, string? ns, string name, bool status)
    {
        if (status && !kind.HasStatus)
        {
            throw new FakeApiException(404, "NotFound", $"{kind.Plural}.{kind.Group} has no status subresource");
        }

        return _objects[kind].TryGetValue(Key(kind.Namespaced ? ns : null, name), out var old)
            ? old
            : throw FakeApiException.NotFound(kind, name);
    }

    private static void CheckVersion(FakeKind kind, string name, JsonObject old, JsonObject body)
    {
        var wanted = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(wanted) && wanted != old["metadata"]?["resourceVersion"]?.GetValue<string>())
        {
            throw FakeApiException.Conflict(kind, name,
                "the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    private static void CheckBody(FakeKind kind, string? ns, string? name, JsonObject body, bool requireTypeMeta)
    {
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        var bodyKind = body["kind"]?.GetValue<string>();
        if (requireTypeMeta && (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(bodyKind)))
        {
            throw FakeApiException.BadRequest("apiVersion and kind must be set in an apply patch");
        }

        if ((!string.IsNullOrEmpty(apiVersion) && apiVersion != kind.ApiVersion) || (!string.IsNullOrEmpty(bodyKind) && bodyKind != kind.Kind))
        {
            throw FakeApiException.BadRequest($"the body is {apiVersion}/{bodyKind}, but the URL serves {kind.ApiVersion}/{kind.Kind}");
        }

        var bodyName = body["metadata"]?["name"]?.GetValue<string>();
        if (name is not null && !string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw FakeApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var bodyNs = body["metadata"]?["namespace"]?.GetValue<string>();
        if (kind.Namespaced && !string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
        {
            throw FakeApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }
}
