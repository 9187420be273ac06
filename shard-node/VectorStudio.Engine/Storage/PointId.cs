// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Storage;

/// <summary>
/// The id of a point: an unsigned 64-bit number or a string of 1..256 UTF-8 bytes. Numeric 7 and
/// string "7" are different ids. Ids order numbers first (by value), then strings by their UTF-8 bytes.
/// </summary>
public readonly struct PointId : IEquatable<PointId>, IComparable<PointId>
{
    private readonly ulong _number;
    private readonly string? _text;

    private PointId(ulong number, string? text)
    {
        _number = number;
        _text = text;
    }

    /// <summary>Whether the id is a number (else a string).</summary>
    public bool IsNumber => _text is null;

    /// <summary>The numeric id; 0 for a string id.</summary>
    public ulong Number => _number;

    /// <summary>The string id; null for a numeric id.</summary>
    public string? Text => _text;

    public static bool operator ==(PointId left, PointId right) => left.Equals(right);

    public static bool operator !=(PointId left, PointId right) => !left.Equals(right);

    public static bool operator <(PointId left, PointId right) => left.CompareTo(right) < 0;

    public static bool operator >(PointId left, PointId right) => left.CompareTo(right) > 0;

    public static bool operator <=(PointId left, PointId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PointId left, PointId right) => left.CompareTo(right) >= 0;

    public static PointId FromNumber(ulong number) => new(number, null);

    /// <summary>A string id; see <see cref="Validate"/> for the accepted lengths.</summary>
    public static PointId FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new PointId(0, text);
    }

    /// <summary>Throws <see cref="EngineErrorKind.InvalidArgument"/> for an empty or too long string id.</summary>
    public void Validate(string what)
    {
        if (_text is null)
        {
            return;
        }

        if (_text.Length == 0)
        {
            throw EngineException.InvalidArgument($"{what} has an empty string id; accepted: 1..{EngineLimits.MaxStringIdBytes} UTF-8 bytes");
        }

        if (_text.Length > EngineLimits.MaxStringIdBytes / 3 && Encoding.UTF8.GetByteCount(_text) > EngineLimits.MaxStringIdBytes)
        {
            throw EngineException.InvalidArgument(
                $"{what} has a string id of {Encoding.UTF8.GetByteCount(_text)} UTF-8 bytes; accepted: 1..{EngineLimits.MaxStringIdBytes}");
        }
    }

    public bool Equals(PointId other) =>
        _number == other._number && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PointId other && Equals(other);

    public override int GetHashCode() =>
        _text is null ? _number.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    public int CompareTo(PointId other)
    {
        if (_text is null)
        {
            return other._text is null ? _number.CompareTo(other._number) : -1;
        }

        return other._text is null ? 1 : CompareUtf8Order(_text, other._text);
    }

    public override string ToString() => _text is null ? _number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"{_text}\"";

    /// <summary>
    /// Compares strings in UTF-8 byte order (= code point order). UTF-16 ordinal order differs only when
    /// a surrogate (U+D800..U+DFFF) meets a character in U+E000..U+FFFF, which the shift below fixes.
    /// </summary>
    private static int CompareUtf8Order(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            int x = a[i];
            int y = b[i];
            if (x == y)
            {
                continue;
            }

            if (x >= 0xD800 && y >= 0xD800)
            {
                x = x >= 0xE000 ? x - 0x800 : x + 0x2000;
                y = y >= 0xE000 ? y - 0x800 : y + 0x2000;
            }

            return x - y;
        }

        return a.Length - b.Length;
    }
}
