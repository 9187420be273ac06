// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Payload;
using VectorStudio.ShardNode.Embedding;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary>Maps embedder bindings, and the text a point or query carries, between the contract and the engine.</summary>
public static class EmbedderConversions
{
    /// <summary>The engine's binding (endpoint normalised, defaults filled in); null when none is named.</summary>
    public static EmbedderBinding? ToEngine(V1.EmbedderBinding? binding) => binding is null
        ? null
        : new EmbedderBinding(
            EmbedderEndpoint.Normalize(binding.Endpoint),
            binding.Model,
            binding.TextField.Length == 0 ? EmbedderBinding.DefaultTextField : binding.TextField,
            StoreText: !binding.SkipTextPayload);

    public static V1.EmbedderBinding? ToContract(EmbedderBinding? binding) => binding is null
        ? null
        : new V1.EmbedderBinding
        {
            Endpoint = binding.Endpoint,
            Model = binding.ModelName,
            TextField = binding.TextField,
            SkipTextPayload = !binding.StoreText,
        };

    /// <summary>Whether a point carries text; INVALID_ARGUMENT when it carries a vector too.</summary>
    public static bool HasText(V1.Point point, int index)
    {
        ArgumentNullException.ThrowIfNull(point);
        return HasText(point.Text, point.Vector.Count, "point", index);
    }

    /// <summary>Whether a query is text; INVALID_ARGUMENT when it carries a vector too.</summary>
    public static bool HasText(V1.QueryVector query, int index)
    {
        ArgumentNullException.ThrowIfNull(query);
        return HasText(query.Text, query.Vector.Count, "query", index);
    }

    /// <summary>
    /// The payload of a point upserted as text: its own, plus the text under the binding's field when the
    /// binding stores text. A payload that already holds another value there is INVALID_ARGUMENT.
    /// </summary>
    public static IReadOnlyDictionary<string, PayloadValue>? WithText(
        IReadOnlyDictionary<string, PayloadValue>? payload, EmbedderBinding binding, string text, int index)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (!binding.StoreText)
        {
            return payload;
        }

        var value = PayloadValue.FromString(text);
        if (payload is not null && payload.TryGetValue(binding.TextField, out var existing))
        {
            return existing.Equals(value)
                ? payload
                : throw StatusMapping.Invalid(
                    $"point {index}: payload field \"{binding.TextField}\" holds another value, but the collection stores "
                    + "the point's text there; drop the field or send the same text");
        }

        var result = payload is null
            ? new Dictionary<string, PayloadValue>(StringComparer.Ordinal)
            : new Dictionary<string, PayloadValue>(payload, StringComparer.Ordinal);
        result[binding.TextField] = value;
        return result;
    }

    private static bool HasText(string text, int vectorLength, string what, int index)
    {
        if (text.Length == 0)
        {
            return false;
        }

        return vectorLength == 0
            ? true
            : throw StatusMapping.Invalid($"{what} {index} has both a vector and text; set exactly one of the two");
    }
}
