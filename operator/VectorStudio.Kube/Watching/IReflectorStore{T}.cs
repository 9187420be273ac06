// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Watching;

/// <summary>What a <see cref="Reflector{T}"/> feeds: whole lists, then individual changes, in order, from one thread.</summary>
public interface IReflectorStore<in T>
    where T : class, IKubernetesObject
{
    /// <summary>A (re)list: <paramref name="items"/> is the complete current set.</summary>
    void Replace(IReadOnlyList<T> items, string resourceVersion);

    /// <summary>One ADDED, MODIFIED or DELETED event.</summary>
    void Apply(WatchEventType type, T item);
}
