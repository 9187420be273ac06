// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Payload;

/// <summary>
/// The type of every payload field a collection has seen. The first value fixes a field's type; later
/// values must have it, except that integers are accepted in a double field. Types outlive the points
/// that introduced them.
/// </summary>
internal sealed class PayloadSchema
{
    private readonly Dictionary<string, PayloadFieldType> _types = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, PayloadFieldType> Fields => _types;

    public bool TryGetType(string key, out PayloadFieldType type) => _types.TryGetValue(key, out type);

    /// <summary>
    /// Checks a payload against the known types and the types <paramref name="pending"/> collects for
    /// this batch; new fields are added to <paramref name="pending"/>. Throws InvalidArgument.
    /// </summary>
    public void Check(IReadOnlyDictionary<string, PayloadValue> payload, Dictionary<string, PayloadFieldType> pending, string what)
    {
        foreach (var (key, value) in payload)
        {
            if (key.Length is 0 or > EngineLimits.MaxPayloadKeyLength)
            {
                throw EngineException.InvalidArgument(
                    $"{what} has a payload key of {key.Length} characters; accepted: 1..{EngineLimits.MaxPayloadKeyLength}");
            }

            ArgumentNullException.ThrowIfNull(value, nameof(payload));
            var valueType = TypeOf(value, key, what);
            if (valueType is not { } type)
            {
                continue;
            }

            if (_types.TryGetValue(key, out var known) || pending.TryGetValue(key, out known))
            {
                if (!Compatible(type, known))
                {
                    throw EngineException.InvalidArgument(
                        $"{what}: payload field '{key}' holds {Name(known)} values in this collection; got {Name(type)}");
                }
            }
            else
            {
                pending[key] = type;
            }
        }
    }

    public void Commit(Dictionary<string, PayloadFieldType> pending)
    {
        foreach (var (key, type) in pending)
        {
            _types.TryAdd(key, type);
        }
    }

    public static string Name(PayloadFieldType type) => type switch
    {
        PayloadFieldType.Keyword => "keyword",
        PayloadFieldType.Integer => "integer",
        PayloadFieldType.Double => "double",
        PayloadFieldType.Bool => "bool",
    };

    private static bool Compatible(PayloadFieldType value, PayloadFieldType field) =>
        value == field || (value == PayloadFieldType.Integer && field == PayloadFieldType.Double);

    /// <summary>The type of a value; null for an empty list, which fixes nothing.</summary>
    private static PayloadFieldType? TypeOf(PayloadValue value, string key, string what)
    {
        if (!value.IsList)
        {
            return ScalarType(value);
        }

        PayloadFieldType? type = null;
        foreach (var item in value.AsList)
        {
            var itemType = ScalarType(item);
            if (type is not { } t || t == itemType)
            {
                type = itemType;
            }
            else if (Compatible(t, itemType) || Compatible(itemType, t))
            {
                type = PayloadFieldType.Double;
            }
            else
            {
                throw EngineException.InvalidArgument(
                    $"{what}: payload list '{key}' mixes {Name(t)} and {Name(itemType)} values; a list holds one type");
            }
        }

        return type;
    }

    private static PayloadFieldType ScalarType(PayloadValue value) => value.Kind switch
    {
        PayloadValueKind.String => PayloadFieldType.Keyword,
        PayloadValueKind.Integer => PayloadFieldType.Integer,
        PayloadValueKind.Double => PayloadFieldType.Double,
        PayloadValueKind.Bool => PayloadFieldType.Bool,
        PayloadValueKind.List => throw EngineException.InvalidArgument("payload lists may not nest"),
    };
}
