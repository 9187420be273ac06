// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;

namespace VectorStudio.Operator.Api;

/// <summary>
/// Parses Kubernetes resource quantities (<c>2</c>, <c>500m</c>, <c>1.5Gi</c>, <c>1e3</c>) to a
/// number of base units, enough to compare a request with a limit. The server's own parser is
/// the authority; this one accepts the same grammar (<see cref="VectorClusterDefaults.QuantityPattern"/>).
/// </summary>
public static partial class Quantity
{
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }

        var m = Grammar().Match(text);
        if (!m.Success || !decimal.TryParse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture,
                out var number))
        {
            return false;
        }

        var suffix = m.Groups["suffix"].Value;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E')
        {
            if (!int.TryParse(
                    suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp)
                || Math.Abs(exp) > 18)
            {
                return false;
            }

            value = number * Pow(10, exp);
            return true;
        }

        value = number * suffix switch
        {
            "" => 1m,
            "n" => 1e-9m,
            "u" => 1e-6m,
            "m" => 1e-3m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => 0m,
        };
        return suffix is "" or "n" or "u" or "m" or "k" or "M" or "G" or "T" or "P" or "E"
            or "Ki" or "Mi" or "Gi" or "Ti" or "Pi" or "Ei";
    }

    private static decimal Pow(decimal b, int exp)
    {
        var r = 1m;
        for (var i = 0; i < Math.Abs(exp); i++)
        {
            r = exp > 0 ? r * b : r / b;
        }

        return r;
    }

    [GeneratedRegex(@"^(?<num>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))"
        + @"(?<suffix>(?:[KMGTPE]i)|[numkMGTPE]|(?:[eE][+-]?[0-9]+))?$")]
    private static partial Regex Grammar();
}
