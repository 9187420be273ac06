// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace VectorStudio.Kube.Fake;

/// <summary>
/// The two merges the fake server needs. <see cref="MergePatch"/> is RFC 7386 exactly: objects
/// merge recursively, null removes, anything else (lists included) replaces. Server-side apply is
/// simplified to the same recursive merge: the real server also tracks which manager owns each
/// field (managedFields), merges lists by their keys (e.g. containers by name) and removes fields a
/// manager stopped applying; the fake does none of that, so tests of apply check what was applied,
/// not ownership.
/// </summary>
public static class JsonMerge
{
    /// <summary>Returns <paramref name="target"/> patched by <paramref name="patch"/> (target is modified).</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (target is not JsonObject targetObject)
        {
            targetObject = [];
        }

        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                targetObject.Remove(name);
            }
            else
            {
                var merged = MergePatch(targetObject[name], value);
                targetObject.Remove(name);
                targetObject[name] = merged;
            }
        }

        return targetObject;
    }

    /// <summary>Deep structural equality of two JSON values (object member order ignored).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
