// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Client;

/// <summary>Query parameters of one watch request.</summary>
public sealed record WatchOptions
{
    /// <summary>Resume after this version (from a list or the last event); null starts "now" with synthetic ADDs.</summary>
    public string? ResourceVersion { get; init; }

    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Ask for BOOKMARK events, which move the resume point without an object change.</summary>
    public bool AllowBookmarks { get; init; } = true;

    /// <summary>The server ends the stream after this long (a real server picks 5–10 minutes when unset).</summary>
    public int? TimeoutSeconds { get; init; }
}
