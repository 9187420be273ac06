// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Filtering;

/// <summary>Evaluates a validated filter against one point's id and payload.</summary>
internal static class FilterEvaluator
{
    public static bool Matches(Filter filter, PointId id, IReadOnlyDictionary<string, PayloadValue>? payload)
    {
        foreach (var condition in filter.Must)
        {
            if (!Matches(condition, id, payload))
            {
                return false;
            }
        }

        foreach (var condition in filter.MustNot)
        {
            if (Matches(condition, id, payload))
            {
                return false;
            }
        }

        if (filter.Should.Count == 0)
        {
            return true;
        }

        foreach (var condition in filter.Should)
        {
            if (Matches(condition, id, payload))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(Condition condition, PointId id, IReadOnlyDictionary<string, PayloadValue>? payload)
    {
        switch (condition.Kind)
        {
            case ConditionKind.HasId:
                return condition.Ids.Contains(id);
            case ConditionKind.Nested:
                return Matches(condition.Filter!, id, payload);
            case ConditionKind.MatchKeyword:
            case ConditionKind.MatchInteger:
            case ConditionKind.MatchBool:
            case ConditionKind.AnyKeyword:
            case ConditionKind.AnyInteger:
            case ConditionKind.Range:
                if (payload is null || !payload.TryGetValue(condition.Key!, out var value))
                {
                    return false;
                }

                if (!value.IsList)
                {
                    return ScalarMatches(condition, value);
                }

                foreach (var item in value.AsList)
                {
                    if (ScalarMatches(condition, item))
                    {
                        return true;
                    }
                }

                return false;
        }

        return false;
    }

    private static bool ScalarMatches(Condition condition, PayloadValue value) => condition.Kind switch
    {
        ConditionKind.MatchKeyword => value.Kind == PayloadValueKind.String
            && string.Equals(value.AsString, condition.Keyword, StringComparison.Ordinal),
        ConditionKind.MatchInteger => value.Kind == PayloadValueKind.Integer && value.AsInteger == condition.Integer,
        ConditionKind.MatchBool => value.Kind == PayloadValueKind.Bool && value.AsBool == condition.Bool,
        ConditionKind.AnyKeyword => value.Kind == PayloadValueKind.String && condition.Keywords.Contains(value.AsString),
        ConditionKind.AnyInteger => value.Kind == PayloadValueKind.Integer && condition.Integers.Contains(value.AsInteger),
        ConditionKind.Range => value.Kind is PayloadValueKind.Integer or PayloadValueKind.Double
            && condition.Range.Contains(value.AsNumber),
        ConditionKind.HasId or ConditionKind.Nested => false,
    };
}
