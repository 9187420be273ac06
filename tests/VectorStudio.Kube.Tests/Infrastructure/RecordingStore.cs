// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Watching;

namespace VectorStudio.Kube.Tests.Infrastructure;

/// <summary>A reflector store that records what it was fed, as "LIST a,b" and "ADDED a" lines.</summary>
internal sealed class RecordingStore : IReflectorStore<Widget>
{
    public ConcurrentQueue<string> Log { get; } = new();

    public int Lists => Log.Count(l => l.StartsWith("LIST", StringComparison.Ordinal));

    public bool Saw(string line) => Log.Contains(line);

    public void Replace(IReadOnlyList<Widget> items, string resourceVersion) =>
        Log.Enqueue("LIST " + string.Join(',', items.Select(i => i.Metadata.Name)));

    public void Apply(WatchEventType type, Widget item) =>
        Log.Enqueue($"{type.ToString().ToUpperInvariant()} {item.Metadata.Name} {item.Spec?.Size}");
}
