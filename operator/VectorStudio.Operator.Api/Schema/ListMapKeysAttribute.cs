// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Api.Schema;

/// <summary>
/// The list is a map keyed by these fields (<c>x-kubernetes-list-type: map</c>), so server-side
/// apply merges entries by key instead of replacing the whole list.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
