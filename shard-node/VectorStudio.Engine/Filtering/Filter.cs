// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Filtering;

/// <summary>
/// A boolean combination of conditions. A point passes when every <see cref="Must"/> condition holds,
/// at least one <see cref="Should"/> condition holds (if any are given), and no <see cref="MustNot"/>
/// condition holds. An empty filter matches every point.
/// </summary>
public sealed class Filter
{
    public Filter(
        IReadOnlyList<Condition>? must = null,
        IReadOnlyList<Condition>? should = null,
        IReadOnlyList<Condition>? mustNot = null)
    {
        Must = must ?? [];
        Should = should ?? [];
        MustNot = mustNot ?? [];
    }

    public static Filter Empty { get; } = new();

    public IReadOnlyList<Condition> Must { get; }

    public IReadOnlyList<Condition> Should { get; }

    public IReadOnlyList<Condition> MustNot { get; }

    public bool IsEmpty => Must.Count == 0 && Should.Count == 0 && MustNot.Count == 0;

    public static Filter WithMust(params Condition[] conditions) => new(must: conditions);

    public static Filter WithShould(params Condition[] conditions) => new(should: conditions);

    public static Filter WithMustNot(params Condition[] conditions) => new(mustNot: conditions);

    public override string ToString() =>
        $"{{must: [{string.Join(", ", Must)}], should: [{string.Join(", ", Should)}], must_not: [{string.Join(", ", MustNot)}]}}";
}
