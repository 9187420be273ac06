// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VectorStudio.Operator.Tests;

/// <summary>
/// The subset of JSON Schema draft-07 that values.schema.json uses (type, properties, required,
/// additionalProperties, enum, minimum, maximum, minLength, pattern, items), so values.yaml can be
/// checked without helm. Returns one message per violation, with its path.
/// </summary>
internal static class ValuesSchemaValidator
{
    public static List<string> Validate(JsonNode? value, JsonObject schema)
    {
        var errors = new List<string>();
        Check(value, schema, "values", errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (schema["type"]?.GetValue<string>() is { } type && !IsType(value, type))
        {
            errors.Add($"{path}: expected {type}, got {value?.ToJsonString() ?? "null"}");
            return;
        }

        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {options.ToJsonString()}");
        }

        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            var n = double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
            if (schema["minimum"] is { } min && n < min.GetValue<double>())
            {
                errors.Add($"{path}: {n} is below the minimum {min}");
            }

            if (schema["maximum"] is { } max && n > max.GetValue<double>())
            {
                errors.Add($"{path}: {n} is above the maximum {max}");
            }
        }

        if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
        {
            var text = s.GetValue<string>();
            if (schema["minLength"] is { } ml && text.Length < ml.GetValue<int>())
            {
                errors.Add($"{path}: shorter than {ml}");
            }

            if (schema["pattern"] is { } p && !Regex.IsMatch(text, p.GetValue<string>()))
            {
                errors.Add($"{path}: '{text}' does not match {p}");
            }
        }

        if (value is JsonObject o)
        {
            CheckObject(o, schema, path, errors);
        }

        if (value is JsonArray a && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < a.Count; i++)
            {
                Check(a[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static void CheckObject(JsonObject o, JsonObject schema, string path, List<string> errors)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
        {
            if (!o.ContainsKey(required))
            {
                errors.Add($"{path}.{required}: required");
            }
        }

        foreach (var (key, child) in o)
        {
            if (properties?[key] is JsonObject ps)
            {
                Check(child, ps, $"{path}.{key}", errors);
            }
            else if (schema["additionalProperties"] is JsonObject extra)
            {
                Check(child, extra, $"{path}.{key}", errors);
            }
            else if (schema["additionalProperties"] is JsonValue allowed && !allowed.GetValue<bool>())
            {
                errors.Add($"{path}.{key}: not allowed by the schema");
            }
        }
    }

    private static bool IsType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && !v.ToJsonString().Contains('.'),
        "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        _ => throw new InvalidOperationException("type not supported by this checker: " + type),
    };
}
