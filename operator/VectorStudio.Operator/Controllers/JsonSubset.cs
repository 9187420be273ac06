// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Controllers;

/// <summary>
/// Whether an observed object already carries every field a planned object sets. The server adds
/// defaults (ports' protocol, a pod's dnsPolicy, ...) and other managers' fields, so equality is too
/// strict; containment is what server-side apply would leave unchanged. Apply skips such objects,
/// so an unchanged cluster costs no writes and keeps its resourceVersions.
/// </summary>
public static class JsonSubset
{
    public static bool Contains(IKubernetesObject actual, IKubernetesObject desired)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(desired);
        var want = JsonSerializer.SerializeToNode(desired, desired.GetType(), KubeJson.Options);
        var have = JsonSerializer.SerializeToNode(actual, actual.GetType(), KubeJson.Options);
        return Contains(have, want);
    }

    public static bool Contains(JsonNode? have, JsonNode? want) => want switch
    {
        null => true,
        JsonObject wantObject => have is JsonObject haveObject
            && wantObject.All(p => haveObject.TryGetPropertyValue(p.Key, out var h) ? Contains(h, p.Value) : p.Value is null),
        JsonArray wantArray => have is JsonArray haveArray && haveArray.Count == wantArray.Count
            && wantArray.Select((w, i) => Contains(haveArray[i], w)).All(ok => ok),
        _ => have is not null && JsonNode.DeepEquals(Normalise(have), Normalise(want)),
    };

    // Quantities and int-or-string values may come back in another JSON type ("1" vs 1); compare as text.
    private static JsonNode Normalise(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() is JsonValueKind.Number ? JsonValue.Create(v.ToJsonString()) : value;
}
