// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VectorStudio.Operator.Api.Tests;

/// <summary>
/// The rules the API server applies to a CRD schema, checked on the parsed YAML: structural
/// (every node typed, no $ref / allOf / oneOf / not / type arrays, anyOf only in the int-or-string
/// form, properties and additionalProperties never together), a description on every property so
/// kubectl explain has text, list-map keys required, CEL rules with messages, and every default
/// valid against its own schema (the server rejects the CRD otherwise).
/// </summary>
internal static class StructuralSchemaChecker
{
    private static readonly string[] Forbidden =
        [
            "$ref", "definitions", "dependencies", "deprecated", "discriminator", "id", "patternProperties",
            "readOnly", "writeOnly", "xml", "$schema", "allOf", "oneOf", "not",
        ];

    private static readonly string[] Types = ["object", "array", "string", "integer", "number", "boolean"];

    public static List<string> Check(JsonObject root)
    {
        var problems = new List<string>();
        Node(root, "", problems);
        return problems;
    }

    private static void Node(JsonObject s, string path, List<string> problems)
    {
        foreach (var key in Forbidden.Where(s.ContainsKey))
        {
            problems.Add($"{path}: forbidden keyword '{key}'");
        }

        if (s["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            var anyOf = s["anyOf"] as JsonArray;
            var expected = JsonNode.Parse("""[{"type":"integer"},{"type":"string"}]""");
            if (anyOf is not null && !JsonNode.DeepEquals(anyOf, expected))
            {
                problems.Add($"{path}: int-or-string anyOf must be integer|string");
            }

            return;
        }

        if (s.ContainsKey("anyOf"))
        {
            problems.Add($"{path}: anyOf outside the int-or-string form");
        }

        if (s["type"] is not JsonValue t || !Types.Contains(t.GetValue<string>()))
        {
            problems.Add($"{path}: no single type ({s["type"]?.ToJsonString() ?? "missing"})");
            return;
        }

        var type = t.GetValue<string>();
        if (type == "object")
        {
            Object(s, path, problems);
        }
        else if (type == "array")
        {
            Array(s, path, problems);
        }

        foreach (var rule in (s["x-kubernetes-validations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (string.IsNullOrWhiteSpace(rule["rule"]?.GetValue<string>())
                || string.IsNullOrWhiteSpace(rule["message"]?.GetValue<string>()))
            {
                problems.Add($"{path}: a CEL rule without rule or message");
            }
        }

        if (s["default"] is { } def)
        {
            DefaultFits(s, def, path, problems);
        }
    }

    private static void Object(JsonObject s, string path, List<string> problems)
    {
        if (s.ContainsKey("properties") && s.ContainsKey("additionalProperties"))
        {
            problems.Add($"{path}: properties and additionalProperties together");
        }

        foreach (var (name, child) in s["properties"] as JsonObject ?? [])
        {
            var childPath = path + "." + name;
            if (child is not JsonObject c)
            {
                problems.Add($"{childPath}: not a schema");
                continue;
            }

            // metadata is the API server's; a CRD may only say it is an object.
            if (childPath == ".metadata")
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(c["description"]?.GetValue<string>()))
            {
                problems.Add($"{childPath}: no description");
            }

            Node(c, childPath, problems);
        }

        if (s["additionalProperties"] is JsonObject ap)
        {
            Node(ap, path + ".*", problems);
        }
    }

    private static void Array(JsonObject s, string path, List<string> problems)
    {
        if (s["items"] is not JsonObject items)
        {
            problems.Add($"{path}: array without items");
            return;
        }

        Node(items, path + "[]", problems);
        if (s["x-kubernetes-list-type"]?.GetValue<string>() == "map")
        {
            var required = (items["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
            foreach (var key in (s["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(k => k!.GetValue<string>()))
            {
                if (!required.Contains(key))
                {
                    problems.Add($"{path}: list-map key '{key}' is not required in the item schema");
                }
            }
        }
    }

    private static void DefaultFits(JsonObject s, JsonNode def, string path, List<string> problems)
    {
        var type = s["type"]!.GetValue<string>();
        var kind = def.GetValueKind();
        var ok = type switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => kind == JsonValueKind.Number,
        };
        if (!ok)
        {
            problems.Add($"{path}: default {def.ToJsonString()} is not a {type}");
            return;
        }

        if (s["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, def)))
        {
            problems.Add($"{path}: default {def.ToJsonString()} is not one of the enum values");
        }

        if (kind == JsonValueKind.Number)
        {
            var n = Number(def);
            if ((s["minimum"] is { } min && n < Number(min)) || (s["maximum"] is { } max && n > Number(max)))
            {
                problems.Add($"{path}: default {n} is outside minimum/maximum");
            }
        }

        if (kind == JsonValueKind.String && s["pattern"] is { } pattern && !Regex.IsMatch(def.GetValue<string>(),
            pattern.GetValue<string>()))
        {
            problems.Add($"{path}: default '{def}' does not match the pattern");
        }
    }

    private static double Number(JsonNode n) => double.Parse(n.ToJsonString(),
        System.Globalization.CultureInfo.InvariantCulture);
}
