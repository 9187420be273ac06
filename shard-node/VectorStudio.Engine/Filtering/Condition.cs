// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Filtering;

/// <summary>
/// One condition of a <see cref="Filter"/>: on a payload field, on the point's id, or a nested filter.
/// A point without the field fails a field condition (so it passes a <c>must_not</c> of it), and a list
/// field passes when any element does. Build one with the factory methods.
/// </summary>
public sealed class Condition
{
    private Condition(ConditionKind kind, string? key)
    {
        Kind = kind;
        Key = key;
    }

    public ConditionKind Kind { get; }

    /// <summary>The payload field of a field condition; null for has-id and nested conditions.</summary>
    public string? Key { get; }

    public string? Keyword { get; private init; }

    public long Integer { get; private init; }

    public bool Bool { get; private init; }

    /// <summary>The accepted strings of <see cref="ConditionKind.AnyKeyword"/>.</summary>
    public IReadOnlySet<string> Keywords { get; private init; } = EmptyStrings;

    /// <summary>The accepted integers of <see cref="ConditionKind.AnyInteger"/>.</summary>
    public IReadOnlySet<long> Integers { get; private init; } = EmptyIntegers;

    public RangeBounds Range { get; private init; }

    /// <summary>The ids of <see cref="ConditionKind.HasId"/>.</summary>
    public IReadOnlySet<PointId> Ids { get; private init; } = EmptyIds;

    /// <summary>The filter of <see cref="ConditionKind.Nested"/>.</summary>
    public Filter? Filter { get; private init; }

    private static HashSet<string> EmptyStrings { get; } = [];

    private static HashSet<long> EmptyIntegers { get; } = [];

    private static HashSet<PointId> EmptyIds { get; } = [];

    public static Condition MatchKeyword(string key, string value) =>
        new(ConditionKind.MatchKeyword, key) { Keyword = value ?? throw new ArgumentNullException(nameof(value)) };

    public static Condition MatchInteger(string key, long value) => new(ConditionKind.MatchInteger, key) { Integer = value };

    public static Condition MatchBool(string key, bool value) => new(ConditionKind.MatchBool, key) { Bool = value };

    public static Condition AnyKeyword(string key, IEnumerable<string> values) =>
        new(ConditionKind.AnyKeyword, key) { Keywords = new HashSet<string>(values, StringComparer.Ordinal) };

    public static Condition AnyInteger(string key, IEnumerable<long> values) =>
        new(ConditionKind.AnyInteger, key) { Integers = new HashSet<long>(values) };

    public static Condition InRange(string key, RangeBounds range) => new(ConditionKind.Range, key) { Range = range };

    public static Condition HasId(IEnumerable<PointId> ids) => new(ConditionKind.HasId, null) { Ids = new HashSet<PointId>(ids) };

    public static Condition Nested(Filter filter) =>
        new(ConditionKind.Nested, null) { Filter = filter ?? throw new ArgumentNullException(nameof(filter)) };

    public override string ToString() => Kind switch
    {
        ConditionKind.MatchKeyword => $"{Key} == \"{Keyword}\"",
        ConditionKind.MatchInteger => $"{Key} == {Integer}",
        ConditionKind.MatchBool => $"{Key} == {Bool}",
        ConditionKind.AnyKeyword => $"{Key} in [{string.Join(", ", Keywords)}]",
        ConditionKind.AnyInteger => $"{Key} in [{string.Join(", ", Integers)}]",
        ConditionKind.Range => $"{Key} {Range}",
        ConditionKind.HasId => $"has_id [{string.Join(", ", Ids)}]",
        ConditionKind.Nested => $"({Filter})",
    };
}
