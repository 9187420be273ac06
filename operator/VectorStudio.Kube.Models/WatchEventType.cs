// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Kube.Models;

/// <summary>The <c>type</c> of a watch event line.</summary>
public enum WatchEventType
{
    [JsonStringEnumMemberName("ADDED")]
    Added,

    [JsonStringEnumMemberName("MODIFIED")]
    Modified,

    [JsonStringEnumMemberName("DELETED")]
    Deleted,

    /// <summary>Carries only <c>metadata.resourceVersion</c>: where to resume; no object changed.</summary>
    [JsonStringEnumMemberName("BOOKMARK")]
    Bookmark,

    /// <summary>The object is a <see cref="Status"/>; code 410 means the resourceVersion is too old.</summary>
    [JsonStringEnumMemberName("ERROR")]
    Error,
}
