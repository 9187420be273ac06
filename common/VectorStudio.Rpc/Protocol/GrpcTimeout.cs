// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;

namespace VectorStudio.Rpc.Protocol;

/// <summary>
/// The <c>grpc-timeout</c> header: at most 8 ASCII digits followed by a unit, H (hours),
/// M (minutes), S (seconds), m (milliseconds), u (microseconds) or n (nanoseconds).
/// </summary>
public static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>Parses a header value; false for anything malformed.</summary>
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        long? ticks = value[^1] switch
        {
            'H' => checked(amount * TimeSpan.TicksPerHour),
            'M' => checked(amount * TimeSpan.TicksPerMinute),
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => amount / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }

    /// <summary>
    /// Formats a timeout in the finest unit that fits 8 digits, rounding up so the server never
    /// sees a shorter deadline than the client's. Negative values are sent as 0 (already expired).
    /// </summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "0n";
        }

        var ticks = timeout.Ticks;
        var nanos = ticks <= long.MaxValue / 100 ? ticks * 100 : long.MaxValue;
        if (nanos <= MaxValue)
        {
            return Fmt(nanos, 'n');
        }

        Span<(long Divisor, char Unit)> units =
        [
            (1_000L, 'u'),
            (1_000_000L, 'm'),
            (1_000_000_000L, 'S'),
            (60_000_000_000L, 'M'),
            (3_600_000_000_000L, 'H'),
        ];
        foreach (var (divisor, unit) in units)
        {
            // Ceiling division that cannot overflow near long.MaxValue.
            var amount = (nanos / divisor) + (nanos % divisor == 0 ? 0 : 1);
            if (amount <= MaxValue)
            {
                return Fmt(amount, unit);
            }
        }

        return Fmt(MaxValue, 'H');
    }

    private static string Fmt(long amount, char unit) =>
        amount.ToString(CultureInfo.InvariantCulture) + unit;
}
