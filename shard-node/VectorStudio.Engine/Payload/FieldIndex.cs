// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Filtering;

namespace VectorStudio.Engine.Payload;

/// <summary>
/// The index of one payload field: an inverted index (value → slots) for keywords, integers and
/// booleans, and a sorted (value, slot) set for numbers, which answers ranges in O(log n + matches).
/// A list value indexes each element, so the "any element matches" rule holds for index lookups too.
/// </summary>
internal sealed class FieldIndex
{
    private readonly Dictionary<string, HashSet<int>> _keywords = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<int>> _integers = [];
    private readonly HashSet<int>[] _bools = [[], []];
    private readonly SortedSet<(double Value, int Slot)> _numbers = [];

    private static SortedSet<(double Value, int Slot)> EmptyNumbers { get; } = [];

    public void Add(int slot, PayloadValue value)
    {
        if (value.IsList)
        {
            foreach (var item in value.AsList)
            {
                AddScalar(slot, item);
            }
        }
        else
        {
            AddScalar(slot, value);
        }
    }

    public void Remove(int slot, PayloadValue value)
    {
        if (value.IsList)
        {
            foreach (var item in value.AsList)
            {
                RemoveScalar(slot, item);
            }
        }
        else
        {
            RemoveScalar(slot, value);
        }
    }

    /// <summary>
    /// An upper bound on the slots matching a field condition, counting no further than
    /// <paramref name="cap"/> (ranges are counted by walking them).
    /// </summary>
    public int Estimate(Condition condition, int cap) => condition.Kind switch
    {
        ConditionKind.MatchKeyword => _keywords.GetValueOrDefault(condition.Keyword!)?.Count ?? 0,
        ConditionKind.MatchInteger => _integers.GetValueOrDefault(condition.Integer)?.Count ?? 0,
        ConditionKind.MatchBool => _bools[condition.Bool ? 1 : 0].Count,
        ConditionKind.AnyKeyword => condition.Keywords.Sum(k => _keywords.GetValueOrDefault(k)?.Count ?? 0),
        ConditionKind.AnyInteger => condition.Integers.Sum(k => _integers.GetValueOrDefault(k)?.Count ?? 0),
        ConditionKind.Range => RangeView(condition.Range).Take(cap + 1).Count(),
        ConditionKind.HasId or ConditionKind.Nested => int.MaxValue,
    };

    /// <summary>Every slot matching a field condition (a slot may appear more than once).</summary>
    public IEnumerable<int> Candidates(Condition condition) => condition.Kind switch
    {
        ConditionKind.MatchKeyword => _keywords.GetValueOrDefault(condition.Keyword!) ?? [],
        ConditionKind.MatchInteger => _integers.GetValueOrDefault(condition.Integer) ?? [],
        ConditionKind.MatchBool => _bools[condition.Bool ? 1 : 0],
        ConditionKind.AnyKeyword => condition.Keywords.SelectMany(k => _keywords.GetValueOrDefault(k) ?? []),
        ConditionKind.AnyInteger => condition.Integers.SelectMany(k => _integers.GetValueOrDefault(k) ?? []),
        ConditionKind.Range => RangeView(condition.Range).Where(e => condition.Range.Contains(e.Value)).Select(e => e.Slot),
        ConditionKind.HasId or ConditionKind.Nested => [],
    };

    private SortedSet<(double Value, int Slot)> RangeView(RangeBounds range)
    {
        var lower = range.Lower;
        var upper = range.Upper;
        if (!(lower <= upper) || _numbers.Count == 0)
        {
            return EmptyNumbers;
        }

        return _numbers.GetViewBetween((lower, int.MinValue), (upper, int.MaxValue));
    }

    private void AddScalar(int slot, PayloadValue value)
    {
        switch (value.Kind)
        {
            case PayloadValueKind.String:
                Set(_keywords, value.AsString).Add(slot);
                break;
            case PayloadValueKind.Integer:
                Set(_integers, value.AsInteger).Add(slot);
                _numbers.Add((value.AsInteger, slot));
                break;
            case PayloadValueKind.Double:
                _numbers.Add((value.AsDouble, slot));
                break;
            case PayloadValueKind.Bool:
                _bools[value.AsBool ? 1 : 0].Add(slot);
                break;
            case PayloadValueKind.List:
                break;
        }
    }

    private void RemoveScalar(int slot, PayloadValue value)
    {
        switch (value.Kind)
        {
            case PayloadValueKind.String:
                Unset(_keywords, value.AsString, slot);
                break;
            case PayloadValueKind.Integer:
                Unset(_integers, value.AsInteger, slot);
                _numbers.Remove((value.AsInteger, slot));
                break;
            case PayloadValueKind.Double:
                _numbers.Remove((value.AsDouble, slot));
                break;
            case PayloadValueKind.Bool:
                _bools[value.AsBool ? 1 : 0].Remove(slot);
                break;
            case PayloadValueKind.List:
                break;
        }
    }

    private static HashSet<int> Set<TKey>(Dictionary<TKey, HashSet<int>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = [];
            map[key] = set;
        }

        return set;
    }

    private static void Unset<TKey>(Dictionary<TKey, HashSet<int>> map, TKey key, int slot)
        where TKey : notnull
    {
        if (map.TryGetValue(key, out var set) && set.Remove(slot) && set.Count == 0)
        {
            map.Remove(key);
        }
    }
}
