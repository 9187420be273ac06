// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Kube.Models;

/// <summary>
/// One line of a watch stream, <c>{"type": "...", "object": {...}}</c>. For
/// <see cref="WatchEventType.Error"/> the object is a <see cref="Status"/> instead of a
/// <typeparamref name="T"/>, so the client decodes it into <see cref="ErrorStatus"/> and leaves
/// <see cref="Item"/> null.
/// </summary>
public sealed class WatchEvent<T>
    where T : class
{
    public WatchEventType Type { get; set; }

    /// <summary>The JSON field <c>object</c>.</summary>
    [JsonPropertyName("object")]
    public T? Item { get; set; }

    /// <summary>Set only for <see cref="WatchEventType.Error"/> events.</summary>
    public Status? ErrorStatus { get; set; }
}
