// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace VectorStudio.Kube.Fake;

/// <summary>One change in the store's history: what a watch from an older resourceVersion replays.</summary>
public sealed record StoredEvent(long ResourceVersion, FakeKind Kind, string Type, JsonObject Body)
{
    public string? Namespace => Body["metadata"]?["namespace"]?.GetValue<string>();

    /// <summary>The watch line: <c>{"type":"ADDED","object":{...}}</c>.</summary>
    public string ToLine() => new JsonObject { ["type"] = Type, ["object"] = Body.DeepClone() }.ToJsonString();
}
