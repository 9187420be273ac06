// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Payload;

/// <summary>
/// An immutable payload value: a string, an integer, a double, a boolean, or a list of those scalars
/// (lists do not nest).
/// </summary>
public sealed class PayloadValue : IEquatable<PayloadValue>
{
    private readonly string? _string;
    private readonly long _integer;
    private readonly double _double;
    private readonly PayloadValue[]? _list;

    private PayloadValue(PayloadValueKind kind, string? s = null, long l = 0, double d = 0, PayloadValue[]? list = null)
    {
        Kind = kind;
        _string = s;
        _integer = l;
        _double = d;
        _list = list;
    }

    public PayloadValueKind Kind { get; }

    public bool IsList => Kind == PayloadValueKind.List;

    /// <summary>The string of a <see cref="PayloadValueKind.String"/> value.</summary>
    public string AsString => _string ?? throw WrongKind(PayloadValueKind.String);

    public long AsInteger => Kind == PayloadValueKind.Integer ? _integer : throw WrongKind(PayloadValueKind.Integer);

    public double AsDouble => Kind == PayloadValueKind.Double ? _double : throw WrongKind(PayloadValueKind.Double);

    public bool AsBool => Kind == PayloadValueKind.Bool ? _integer != 0 : throw WrongKind(PayloadValueKind.Bool);

    /// <summary>The elements of a list value.</summary>
    public IReadOnlyList<PayloadValue> AsList => _list ?? throw WrongKind(PayloadValueKind.List);

    /// <summary>An integer or double as a double (what range conditions compare).</summary>
    internal double AsNumber => Kind == PayloadValueKind.Integer ? _integer : _double;

    public static PayloadValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new PayloadValue(PayloadValueKind.String, s: value);
    }

    public static PayloadValue FromInteger(long value) => new(PayloadValueKind.Integer, l: value);

    public static PayloadValue FromDouble(double value) => new(PayloadValueKind.Double, d: value);

    public static PayloadValue FromBool(bool value) => new(PayloadValueKind.Bool, l: value ? 1 : 0);

    /// <summary>A list of scalars; a nested list is rejected with InvalidArgument.</summary>
    public static PayloadValue FromList(IEnumerable<PayloadValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = values.ToArray();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(values));
            if (item.IsList)
            {
                throw EngineException.InvalidArgument("payload lists may not nest; accepted: lists of strings, integers, doubles or booleans");
            }
        }

        return new PayloadValue(PayloadValueKind.List, list: items);
    }

    public bool Equals(PayloadValue? other)
    {
        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            PayloadValueKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
            PayloadValueKind.Integer or PayloadValueKind.Bool => _integer == other._integer,
            PayloadValueKind.Double => _double.Equals(other._double),
            PayloadValueKind.List => _list!.AsSpan().SequenceEqual(other._list!),
        };
    }

    public override bool Equals(object? obj) => Equals(obj as PayloadValue);

    public override int GetHashCode() => Kind switch
    {
        PayloadValueKind.String => StringComparer.Ordinal.GetHashCode(_string!),
        PayloadValueKind.Integer or PayloadValueKind.Bool => _integer.GetHashCode(),
        PayloadValueKind.Double => _double.GetHashCode(),
        PayloadValueKind.List => _list!.Length,
    };

    public override string ToString() => Kind switch
    {
        PayloadValueKind.String => $"\"{_string}\"",
        PayloadValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        PayloadValueKind.Double => _double.ToString("R", CultureInfo.InvariantCulture),
        PayloadValueKind.Bool => _integer != 0 ? "true" : "false",
        PayloadValueKind.List => "[" + string.Join(", ", _list!.Select(v => v.ToString())) + "]",
    };

    private InvalidOperationException WrongKind(PayloadValueKind wanted) =>
        new($"payload value is {Kind}, not {wanted}");
}
