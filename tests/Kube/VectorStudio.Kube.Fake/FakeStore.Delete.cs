// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace VectorStudio.Kube.Fake;

/// <summary>
/// Deletes, with finalizers (the object only gets a deletionTimestamp until its finalizers are
/// removed) and a simple, synchronous garbage collector over ownerReferences: Background deletes
/// the owner then its dependents, Foreground the dependents first, Orphan removes the owner
/// references instead. The real collector works asynchronously; tests see the end state at once.
/// </summary>
public sealed partial class FakeStore
{
    public JsonObject Delete(FakeKind kind, string? ns, string name, string propagation, string? precondition)
    {
        if (propagation is not ("Background" or "Foreground" or "Orphan"))
        {
            throw FakeApiException.BadRequest($"propagationPolicy \"{propagation}\" is not one of Background, Foreground, Orphan");
        }

        lock (_lock)
        {
            var old = Existing(kind, ns, name, status: false);
            if (!string.IsNullOrEmpty(precondition) && precondition != old["metadata"]?["resourceVersion"]?.GetValue<string>())
            {
                throw FakeApiException.Conflict(kind, name, $"Precondition failed: ResourceVersion: {precondition}");
            }

            return DeleteLocked(kind, old, propagation);
        }
    }

    private JsonObject DeleteLocked(FakeKind kind, JsonObject old, string propagation)
    {
        var key = Key(old["metadata"]?["namespace"]?.GetValue<string>(), NameOf(old)!);
        if (old["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            if (old["metadata"]?["deletionTimestamp"] is not null)
            {
                return (JsonObject)old.DeepClone();
            }

            var marked = (JsonObject)old.DeepClone();
            Meta(marked)["deletionTimestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return Commit(kind, key, marked, "MODIFIED");
        }

        var uid = old["metadata"]?["uid"]?.GetValue<string>();
        var dependents = Dependents(uid);
        if (propagation == "Foreground")
        {
            DeleteDependents(dependents);
        }

        var deleted = Commit(kind, key, (JsonObject)old.DeepClone(), "DELETED");
        if (propagation == "Background")
        {
            DeleteDependents(dependents);
        }
        else if (propagation == "Orphan")
        {
            foreach (var (depKind, dep) in dependents)
            {
                var next = (JsonObject)dep.DeepClone();
                var refs = (JsonArray)next["metadata"]!["ownerReferences"]!;
                foreach (var r in refs.Where(r => r?["uid"]?.GetValue<string>() == uid).ToList())
                {
                    refs.Remove(r);
                }

                WriteLocked(depKind, dep, next);
            }
        }

        return deleted;
    }

    private void DeleteDependents(List<(FakeKind Kind, JsonObject Object)> dependents)
    {
        foreach (var (depKind, dep) in dependents)
        {
            var depKey = Key(dep["metadata"]?["namespace"]?.GetValue<string>(), NameOf(dep)!);
            if (_objects[depKind].TryGetValue(depKey, out var current))
            {
                DeleteLocked(depKind, current, "Background");
            }
        }
    }

    private List<(FakeKind Kind, JsonObject Object)> Dependents(string? uid) =>
        uid is null
            ? []
            : [.. _objects.SelectMany(p => p.Value.Values.Select(o => (p.Key, o)))
                .Where(x => x.o["metadata"]?["ownerReferences"] is JsonArray refs
                    && refs.Any(r => r?["uid"]?.GetValue<string>() == uid))];
}
