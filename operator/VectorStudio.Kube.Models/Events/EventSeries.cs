// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Models.Events;

/// <summary><c>EventSeries</c>: how often an event repeated and when it was last seen.</summary>
public sealed class EventSeries
{
    public int Count { get; set; }

    public DateTimeOffset LastObservedTime { get; set; }
}
