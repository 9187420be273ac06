// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Client;

/// <summary>Query parameters of a list call.</summary>
public sealed record ListOptions
{
    /// <summary>e.g. <c>app=shard,shard in (0,1)</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>metadata.name=foo</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a continue token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The token from the previous page.</summary>
    public string? Continue { get; init; }
}
