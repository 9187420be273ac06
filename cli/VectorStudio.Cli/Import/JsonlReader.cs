// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Import;

/// <summary>
/// Reads JSON Lines: one object per line with "vector" (numbers) or "text" (a string, for a collection
/// with an embedder), optional "id" (a non-negative
/// integer or a string; points without one are numbered from the start id) and optional "payload"
/// (an object of strings, numbers, booleans and lists of them). Blank lines are skipped.
/// </summary>
public sealed class JsonlReader
{
    private readonly string _path;

    public JsonlReader(string path) => _path = path;

    public long CountLines()
    {
        long count = 0;
        foreach (var line in File.ReadLines(_path))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                count++;
            }
        }

        return count;
    }

    public IEnumerable<ImportRecord> Read(ulong firstId)
    {
        var next = firstId;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(_path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ImportRecord record;
            try
            {
                record = Parse(line, ref next);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new ImportFormatException($"{_path}:{lineNumber}: {e.Message}", e);
            }

            yield return record;
        }
    }

    /// <summary>Converts a JSON object of payload fields to payload values.</summary>
    public static Dictionary<string, Value> ParsePayload(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"payload\" must be a JSON object");
        }

        var result = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var field in payload.EnumerateObject())
        {
            result[field.Name] = ToValue(field.Name, field.Value, allowList: true);
        }

        return result;
    }

    private static ImportRecord Parse(string line, ref ulong next)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("each line must be a JSON object with a \"vector\" or a \"text\"");
        }

        var text = ReadText(root);
        var vector = ReadVector(root, text is not null);

        PointId id;
        if (root.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind switch
            {
                JsonValueKind.Number when idElement.TryGetUInt64(out var n) => new PointId { Num = n },
                JsonValueKind.String => new PointId { Str = idElement.GetString() },
                _ => throw new FormatException($"\"id\" must be a non-negative integer or a string, not {idElement.GetRawText()}"),
            };
        }
        else
        {
            id = new PointId { Num = next++ };
        }

        var payload = root.TryGetProperty("payload", out var payloadElement) && payloadElement.ValueKind != JsonValueKind.Null
            ? ParsePayload(payloadElement)
            : null;
        return new ImportRecord(id, vector, payload, text);
    }

    private static string? ReadText(JsonElement root)
    {
        if (!root.TryGetProperty("text", out var text) || text.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } value
            ? value
            : throw new FormatException($"\"text\" must be a non-empty string, not {text.GetRawText()}");
    }

    private static float[] ReadVector(JsonElement root, bool hasText)
    {
        var present = root.TryGetProperty("vector", out var vectorElement) && vectorElement.ValueKind != JsonValueKind.Null;
        if (hasText)
        {
            return present
                ? throw new FormatException("the line has both \"vector\" and \"text\"; give exactly one")
                : [];
        }

        if (!present || vectorElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("missing \"vector\" (an array of numbers) or \"text\" (a string)");
        }

        var vector = new float[vectorElement.GetArrayLength()];
        var i = 0;
        foreach (var component in vectorElement.EnumerateArray())
        {
            vector[i++] = component.ValueKind == JsonValueKind.Number
                ? component.GetSingle()
                : throw new FormatException($"vector component {i - 1} is {component.ValueKind}, not a number");
        }

        return vector;
    }

    private static Value ToValue(string key, JsonElement element, bool allowList) => element.ValueKind switch
    {
        JsonValueKind.String => new Value { StringValue = element.GetString() },
        JsonValueKind.True => new Value { BoolValue = true },
        JsonValueKind.False => new Value { BoolValue = false },
        JsonValueKind.Number when element.TryGetInt64(out var n) => new Value { IntegerValue = n },
        JsonValueKind.Number => new Value { DoubleValue = element.GetDouble() },
        JsonValueKind.Array when allowList => new Value
        {
            ListValue = new ListValue { Values = { element.EnumerateArray().Select(e => ToValue(key, e, allowList: false)) } },
        },
        _ => throw new FormatException(
            $"payload field \"{key}\" holds {element.ValueKind}; accepted: string, number, boolean, or a list of those"),
    };
}
