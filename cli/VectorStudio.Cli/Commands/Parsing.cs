// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using Google.Protobuf;
using VectorStudio.Cli.Import;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Commands;

/// <summary>Turns command-line text into contract messages.</summary>
internal static class Parsing
{
    /// <summary>An all-digit id is numeric; anything else is a string id.</summary>
    public static PointId Id(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? new PointId { Num = n }
            : new PointId { Str = text };

    public static string Format(PointId id) => id.KindCase == PointId.KindOneofCase.Num
        ? id.Num.ToString(CultureInfo.InvariantCulture)
        : id.Str;

    /// <summary>A comma-separated list of numbers, e.g. "0.1,0.2,0.3".</summary>
    public static float[] Vector(string text)
    {
        var parts = text.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var vector = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out vector[i]))
            {
                throw new UsageException($"--vector component {i} is '{parts[i]}', not a number");
            }
        }

        return vector.Length > 0 ? vector : throw new UsageException("--vector is empty");
    }

    /// <summary>A filter in the proto3 JSON mapping, inline or from <c>@file</c>.</summary>
    public static Filter? Filter(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var json = text.StartsWith('@') ? File.ReadAllText(text[1..]) : text;
        try
        {
            return JsonParser.Default.Parse<Filter>(json);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UsageException(
                $"--filter is not a valid filter: {e.Message}. Example: {{\"must\":[{{\"field\":{{\"key\":\"color\",\"match\":{{\"keyword\":\"red\"}}}}}}]}}", e);
        }
        catch (InvalidJsonException e)
        {
            throw new UsageException($"--filter is not valid JSON: {e.Message}", e);
        }
    }

    public static Dictionary<string, Value>? Payload(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(text);
            return JsonlReader.ParsePayload(doc.RootElement);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new UsageException($"--payload: {e.Message}", e);
        }
    }

    public static VectorFileFormat? Format(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return VectorFileFormats.TryParse(text, out var format)
            ? format
            : throw new UsageException($"--format '{text}' is not one of: jsonl, fvecs, bvecs, npy");
    }

    public static Distance Metric(string? text) => text?.ToUpperInvariant() switch
    {
        null or "COSINE" => Distance.Cosine,
        "DOT" => Distance.Dot,
        "L2" or "EUCLID" or "EUCLIDEAN" => Distance.Euclid,
        _ => throw new UsageException($"--metric '{text}' is not one of: cosine, dot, l2"),
    };

    public static string Metric(Distance distance) => distance switch
    {
        Distance.Cosine => "cosine",
        Distance.Dot => "dot",
        Distance.Euclid => "l2",
        Distance.Unspecified => "unspecified",
        _ => distance.ToString(),
    };

    public static string Value(Value value) => value.KindCase switch
    {
        Contracts.V1.Value.KindOneofCase.StringValue => value.StringValue,
        Contracts.V1.Value.KindOneofCase.IntegerValue => value.IntegerValue.ToString(CultureInfo.InvariantCulture),
        Contracts.V1.Value.KindOneofCase.DoubleValue => value.DoubleValue.ToString("G6", CultureInfo.InvariantCulture),
        Contracts.V1.Value.KindOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        Contracts.V1.Value.KindOneofCase.ListValue => "[" + string.Join(",", value.ListValue.Values.Select(Value)) + "]",
        Contracts.V1.Value.KindOneofCase.None => string.Empty,
        _ => string.Empty,
    };

    public static string Payload(Google.Protobuf.Collections.MapField<string, Value> payload) =>
        string.Join(" ", payload.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Value(p.Value)}"));
}
