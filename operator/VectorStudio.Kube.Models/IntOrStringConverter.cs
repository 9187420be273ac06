// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace VectorStudio.Kube.Models;

/// <summary>
/// Reads a JSON number or string into a string, keeping a number's text exactly (<c>2</c> stays
/// <c>"2"</c>, never <c>"2.0"</c>); writes the string. A YAML <c>cpu: 2</c> arrives as a number.
/// </summary>
public sealed class IntOrStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    internal static string ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence
            ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence)
            : reader.ValueSpan),
        _ => throw new JsonException($"expected a number or a string, got {reader.TokenType}"),
    };
}
