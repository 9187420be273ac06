// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Api.Schema;

/// <summary>
/// Builds a structural OpenAPI v3 schema from C# types by reflection: every node typed, objects
/// inlined (no <c>$ref</c>), optional fields simply absent from <c>required</c> (no nullable type
/// arrays), a description on every property (from <see cref="DescriptionAttribute"/>; a property
/// without one is an error, so <c>kubectl explain</c> always has something to say), bounds from
/// <see cref="RangeAttribute"/>, <see cref="MinLengthAttribute"/>, <see cref="MaxLengthAttribute"/>
/// and <see cref="RegularExpressionAttribute"/>, enum values from the JSON names of enum members,
/// CEL rules from <see cref="CelRuleAttribute"/>, and defaults from <see cref="SchemaDefaults"/>.
/// </summary>
/// <remarks>
/// System.Text.Json's <c>JsonSchemaExporter</c> was the alternative; its output uses type arrays
/// (<c>["object","null"]</c>) and <c>$ref</c> for repeated types, both of which a CRD rejects, so
/// rewriting it would cost more than this walker.
/// </remarks>
internal sealed class SchemaWalker(SchemaDefaults defaults)
{
    private readonly SchemaDefaults _defaults = defaults;

    public JsonObject ForObject(Type type, string path, string description)
    {
        var schema = new JsonObject { ["description"] = description, ["type"] = "object" };
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = JsonName(p);
            properties[name] = ForProperty(p, path + "." + name);
            if (p.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        AddRules(schema, type.GetCustomAttributes<CelRuleAttribute>());
        return schema;
    }

    public static string JsonName(PropertyInfo p)
        => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);

    private JsonObject ForProperty(PropertyInfo p, string path)
    {
        var description = p.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new InvalidOperationException(
                $"{p.DeclaringType!.FullName}.{p.Name} ({path}) has no [Description]; every CRD field needs one");
        }

        var schema = ForValue(p, Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType, path, description);
        AddBounds(schema, p);
        AddRules(schema, p.GetCustomAttributes<CelRuleAttribute>());
        if (_defaults.For(path, p) is { } value)
        {
            schema["default"] = value;
        }

        return schema;
    }

    private JsonObject ForValue(PropertyInfo p, Type t, string path, string description)
    {
        if (p.GetCustomAttribute<IntOrStringAttribute>() is not null)
        {
            return t == typeof(string)
                ? IntOrString(description)
                : new JsonObject
                {
                    ["description"] = description,
                    ["type"] = "object",
                    ["additionalProperties"] = IntOrString(null),
                };
        }

        if (ScalarType(t) is { } scalar)
        {
            scalar["description"] = description;
            if (p.GetCustomAttribute<SchemaFormatAttribute>() is { } f)
            {
                scalar["format"] = f.Format;
            }

            return scalar;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            return ForList(p, t.GetGenericArguments()[0], path, description);
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var value = t.GetGenericArguments()[1];
            return new JsonObject
            {
                ["description"] = description,
                ["type"] = "object",
                ["additionalProperties"] = ScalarType(value)
                    ?? throw new InvalidOperationException($"{path}: map values must be scalars, not {value}"),
            };
        }

        return ForObject(t, path, description);
    }

    private JsonObject ForList(PropertyInfo p, Type item, string path, string description)
    {
        var items = ScalarType(item) ?? ForObject(item, path + "[]", description);
        items.Remove("description");
        var schema = new JsonObject { ["description"] = description, ["type"] = "array", ["items"] = items };
        if (p.GetCustomAttribute<ListMapKeysAttribute>() is { } keys)
        {
            schema["x-kubernetes-list-type"] = "map";
            schema["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Keys.Select(k => JsonValue.Create(k))]);

            // The API server requires list-map keys to be required (or defaulted) in the item schema.
            var required = items["required"] as JsonArray ?? [];
            foreach (var k in keys.Keys.Where(k => !required.Any(r => r!.GetValue<string>() == k)))
            {
                required.Add(k);
            }

            items["required"] = required;
        }

        return schema;
    }

    private static JsonObject? ScalarType(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t.IsEnum)
        {
            var names = t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);
            return new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]),
            };
        }

        return t switch
        {
            _ when t == typeof(string) => new JsonObject { ["type"] = "string" },
            _ when t == typeof(bool) => new JsonObject { ["type"] = "boolean" },
            _ when t == typeof(int) => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
            _ when t == typeof(long) => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            _ when t == typeof(double) => new JsonObject { ["type"] = "number" },
            _ when t == typeof(DateTimeOffset) => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            _ => null,
        };
    }

    /// <summary>The shape Kubernetes' own CRDs use for a resource quantity.</summary>
    private static JsonObject IntOrString(string? description)
    {
        var schema = new JsonObject();
        if (description is not null)
        {
            schema["description"] = description;
        }

        schema["anyOf"] = new JsonArray(
            new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        schema["pattern"] = VectorClusterDefaults.QuantityPattern;
        schema["x-kubernetes-int-or-string"] = true;
        return schema;
    }

    private static void AddBounds(JsonObject schema, PropertyInfo p)
    {
        var isArray = schema["type"]?.GetValue<string>() == "array";
        if (p.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema["minimum"] = Convert.ToInt64(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
            schema["maximum"] = Convert.ToInt64(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (p.GetCustomAttribute<MinLengthAttribute>() is { } min)
        {
            schema[isArray ? "minItems" : "minLength"] = min.Length;
        }

        if (p.GetCustomAttribute<MaxLengthAttribute>() is { } max)
        {
            schema[isArray ? "maxItems" : "maxLength"] = max.Length;
        }

        if (p.GetCustomAttribute<RegularExpressionAttribute>() is { } regex)
        {
            schema["pattern"] = regex.Pattern;
        }
    }

    private static void AddRules(JsonObject schema, IEnumerable<CelRuleAttribute> rules)
    {
        var list = new JsonArray();
        foreach (var r in rules)
        {
            list.Add(new JsonObject { ["rule"] = r.Rule, ["message"] = r.Message });
        }

        if (list.Count > 0)
        {
            schema["x-kubernetes-validations"] = list;
        }
    }
}
