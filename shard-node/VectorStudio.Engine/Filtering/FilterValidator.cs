// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;
using VectorStudio.Engine.Payload;

namespace VectorStudio.Engine.Filtering;

/// <summary>
/// Checks a filter before it runs: keys, bounds, nesting depth, and that each condition matches its
/// field the way the collection stores it (a keyword match on an integer field is an error, not an
/// empty result). Fields the collection has never seen are fine: they match nothing.
/// </summary>
internal static class FilterValidator
{
    /// <summary>Nesting depth accepted; deeper filters are refused rather than risk the stack.</summary>
    public const int MaxDepth = 32;

    public static void Validate(Filter filter, PayloadSchema schema) => Validate(filter, schema, 1);

    private static void Validate(Filter filter, PayloadSchema schema, int depth)
    {
        if (depth > MaxDepth)
        {
            throw EngineException.InvalidArgument($"filter nests deeper than {MaxDepth} levels");
        }

        foreach (var list in new[] { filter.Must, filter.Should, filter.MustNot })
        {
            foreach (var condition in list)
            {
                ArgumentNullException.ThrowIfNull(condition, nameof(filter));
                Validate(condition, schema, depth);
            }
        }
    }

    private static void Validate(Condition condition, PayloadSchema schema, int depth)
    {
        switch (condition.Kind)
        {
            case ConditionKind.MatchKeyword:
            case ConditionKind.AnyKeyword:
                CheckField(condition, schema, "a keyword", PayloadFieldType.Keyword);
                break;
            case ConditionKind.MatchInteger:
            case ConditionKind.AnyInteger:
                CheckField(condition, schema, "an integer", PayloadFieldType.Integer);
                break;
            case ConditionKind.MatchBool:
                CheckField(condition, schema, "a bool", PayloadFieldType.Bool);
                break;
            case ConditionKind.Range:
                CheckField(condition, schema, "a range", PayloadFieldType.Integer, PayloadFieldType.Double);
                if (!condition.Range.HasAnyBound)
                {
                    throw EngineException.InvalidArgument($"range condition on '{condition.Key}' sets no bound; set at least one of lt, gt, lte, gte");
                }

                break;
            case ConditionKind.HasId:
                foreach (var id in condition.Ids)
                {
                    id.Validate("has_id condition");
                }

                break;
            case ConditionKind.Nested:
                Validate(condition.Filter!, schema, depth + 1);
                break;
        }

        if (condition.Kind is ConditionKind.AnyKeyword && condition.Keywords.Count == 0
            || condition.Kind is ConditionKind.AnyInteger && condition.Integers.Count == 0)
        {
            throw EngineException.InvalidArgument($"any-of condition on '{condition.Key}' lists no values; list keywords or integers");
        }
    }

    private static void CheckField(Condition condition, PayloadSchema schema, string what, params PayloadFieldType[] accepted)
    {
        var key = condition.Key;
        if (string.IsNullOrEmpty(key) || key.Length > EngineLimits.MaxPayloadKeyLength)
        {
            throw EngineException.InvalidArgument(
                $"filter key has {key?.Length ?? 0} characters; accepted: 1..{EngineLimits.MaxPayloadKeyLength}");
        }

        if (schema.TryGetType(key, out var type) && Array.IndexOf(accepted, type) < 0)
        {
            var hint = type switch
            {
                PayloadFieldType.Keyword => "match it with a keyword or keywords",
                PayloadFieldType.Integer => "match it with an integer, integers or a range",
                PayloadFieldType.Double => "match it with a range",
                PayloadFieldType.Bool => "match it with a boolean",
            };
            throw EngineException.InvalidArgument(
                $"filter tests field '{key}' with {what} condition, but the field holds {PayloadSchema.Name(type)} values; {hint}");
        }
    }
}
