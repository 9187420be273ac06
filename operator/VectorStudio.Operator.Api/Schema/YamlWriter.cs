// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VectorStudio.Operator.Api.Schema;

/// <summary>
/// Writes a JSON tree as block-style YAML, deterministically: keys in the tree's order, two-space
/// indentation, sequences at their key's indentation (the kubectl style). A string is written plain
/// only when YAML cannot read it as anything else; otherwise it is double-quoted with JSON escapes,
/// which YAML reads the same. Used for generated manifests, so no YAML library is needed here.
/// </summary>
public static partial class YamlWriter
{
    public static string Write(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sb = new StringBuilder();
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                WriteObject(sb, o, 0);
                break;
            case JsonArray a when a.Count > 0:
                WriteArray(sb, a, 0);
                break;
            default:
                sb.Append(Scalar(node)).Append('\n');
                break;
        }

        return sb.ToString();
    }

    private static void WriteObject(StringBuilder sb, JsonObject o, int indent, bool firstInline = false)
    {
        foreach (var (key, value) in o)
        {
            if (!firstInline)
            {
                sb.Append(' ', indent);
            }

            firstInline = false;
            sb.Append(Key(key)).Append(':');
            WriteValue(sb, value, indent + 2, indent);
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int childIndent, int keyIndent)
    {
        switch (value)
        {
            case JsonObject child when child.Count > 0:
                sb.Append('\n');
                WriteObject(sb, child, childIndent);
                break;
            case JsonArray list when list.Count > 0:
                sb.Append('\n');
                WriteArray(sb, list, keyIndent);
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteArray(StringBuilder sb, JsonArray a, int indent)
    {
        foreach (var item in a)
        {
            sb.Append(' ', indent).Append("- ");
            switch (item)
            {
                case JsonObject o when o.Count > 0:
                    // The first key follows "- " on the same line; the rest align under it.
                    WriteObject(sb, o, indent + 2, firstInline: true);
                    break;
                case JsonArray inner when inner.Count > 0:
                    sb.Append('\n');
                    WriteArray(sb, inner, indent + 2);
                    break;
                default:
                    sb.Append(Scalar(item)).Append('\n');
                    break;
            }
        }
    }

    private static string Key(string key) => PlainSafe().IsMatch(key) && !IsSpecial(key) ? key : Quote(key);

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => String(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
        _ => node.ToJsonString(),
    };

    private static string String(string s) => PlainSafe().IsMatch(s) && !IsSpecial(s) ? s : Quote(s);

    private static string Quote(string s) => JsonSerializer.Serialize(s, QuoteOptions);

    /// <summary>Words and numbers YAML 1.1 or 1.2 would read as something other than a string.</summary>
    private static bool IsSpecial(string s)
        => s.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~"
            || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || s.StartsWith("0o", StringComparison.Ordinal);

    private static readonly JsonSerializerOptions QuoteOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainSafe();
}
