// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Filtering;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary>Maps contract filters to engine filters, rejecting conditions the contract leaves incomplete.</summary>
public static class FilterConversions
{
    /// <summary>Null or an empty filter gives null (every point matches).</summary>
    public static Filter? ToEngine(V1.Filter? filter)
    {
        if (filter is null || (filter.Must.Count == 0 && filter.Should.Count == 0 && filter.MustNot.Count == 0))
        {
            return null;
        }

        return Convert(filter, "filter");
    }

    private static Filter Convert(V1.Filter filter, string path) => new(
        must: filter.Must.Select((c, i) => Convert(c, $"{path}.must[{i}]")).ToArray(),
        should: filter.Should.Select((c, i) => Convert(c, $"{path}.should[{i}]")).ToArray(),
        mustNot: filter.MustNot.Select((c, i) => Convert(c, $"{path}.must_not[{i}]")).ToArray());

    private static Condition Convert(V1.Condition condition, string path) => condition.KindCase switch
    {
        V1.Condition.KindOneofCase.Field => Convert(condition.Field, path),
        V1.Condition.KindOneofCase.HasId => Condition.HasId(
            condition.HasId.Ids.Select((id, i) => PointConversions.ToEngine(id, $"{path}.has_id[{i}]"))),
        V1.Condition.KindOneofCase.Filter => Condition.Nested(Convert(condition.Filter, path + ".filter")),
        V1.Condition.KindOneofCase.None => throw StatusMapping.Invalid($"{path} is empty: set field, has_id or filter"),
        _ => throw StatusMapping.Invalid($"{path} has an unknown condition kind"),
    };

    private static Condition Convert(V1.FieldCondition field, string path)
    {
        if (string.IsNullOrEmpty(field.Key))
        {
            throw StatusMapping.Invalid($"{path}.field has no key");
        }

        return field.KindCase switch
        {
            V1.FieldCondition.KindOneofCase.Match => field.Match.ValueCase switch
            {
                V1.Match.ValueOneofCase.Keyword => Condition.MatchKeyword(field.Key, field.Match.Keyword),
                V1.Match.ValueOneofCase.Integer => Condition.MatchInteger(field.Key, field.Match.Integer),
                V1.Match.ValueOneofCase.Boolean => Condition.MatchBool(field.Key, field.Match.Boolean),
                V1.Match.ValueOneofCase.None => throw StatusMapping.Invalid($"{path}.field.match is empty: set keyword, integer or boolean"),
                _ => throw StatusMapping.Invalid($"{path}.field.match has an unknown kind"),
            },
            V1.FieldCondition.KindOneofCase.Any => (field.Any.Keywords.Count > 0, field.Any.Integers.Count > 0) switch
            {
                (true, false) => Condition.AnyKeyword(field.Key, field.Any.Keywords),
                (false, true) => Condition.AnyInteger(field.Key, field.Any.Integers),
                (true, true) => throw StatusMapping.Invalid($"{path}.field.any sets both keywords and integers; set one list"),
                (false, false) => throw StatusMapping.Invalid($"{path}.field.any is empty; set keywords or integers"),
            },
            V1.FieldCondition.KindOneofCase.Range => field.Range is { HasLt: false, HasGt: false, HasLte: false, HasGte: false }
                ? throw StatusMapping.Invalid($"{path}.field.range sets no bound; set at least one of lt, gt, lte, gte")
                : Condition.InRange(field.Key, new RangeBounds(
                    field.Range.HasLt ? field.Range.Lt : null,
                    field.Range.HasGt ? field.Range.Gt : null,
                    field.Range.HasLte ? field.Range.Lte : null,
                    field.Range.HasGte ? field.Range.Gte : null)),
            V1.FieldCondition.KindOneofCase.None => throw StatusMapping.Invalid($"{path}.field sets no condition; set match, any or range"),
            _ => throw StatusMapping.Invalid($"{path}.field has an unknown condition kind"),
        };
    }
}
