// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Watching;

/// <summary>Tuning of a list-and-watch loop; the defaults suit a controller.</summary>
public sealed record ReflectorOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>List page size: bounded memory per request on big clusters.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Each watch request asks the server to end after this long, then resumes (5 min, like client-go's 5–10).</summary>
    public int WatchTimeoutSeconds { get; init; } = 300;

    /// <summary>First delay after an error; doubles per consecutive error.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Delay cap: an API server outage costs at most one request per 30 s per watch.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
