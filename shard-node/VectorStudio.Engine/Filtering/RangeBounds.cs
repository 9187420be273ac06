// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Filtering;

/// <summary>Bounds on a number; unset bounds are open. At least one must be set.</summary>
public readonly record struct RangeBounds(double? Lt = null, double? Gt = null, double? Lte = null, double? Gte = null)
{
    public bool HasAnyBound => Lt.HasValue || Gt.HasValue || Lte.HasValue || Gte.HasValue;

    /// <summary>The tightest lower bound (−∞ if none); strictness is checked by <see cref="Contains"/>.</summary>
    public double Lower => Math.Max(Gt ?? double.NegativeInfinity, Gte ?? double.NegativeInfinity);

    /// <summary>The tightest upper bound (+∞ if none).</summary>
    public double Upper => Math.Min(Lt ?? double.PositiveInfinity, Lte ?? double.PositiveInfinity);

    public bool Contains(double value) =>
        (!Lt.HasValue || value < Lt.Value)
        && (!Gt.HasValue || value > Gt.Value)
        && (!Lte.HasValue || value <= Lte.Value)
        && (!Gte.HasValue || value >= Gte.Value);

    public override string ToString() =>
        string.Join(" and ", new[]
        {
            Gt is { } gt ? $"> {gt}" : null,
            Gte is { } gte ? $">= {gte}" : null,
            Lt is { } lt ? $"< {lt}" : null,
            Lte is { } lte ? $"<= {lte}" : null,
        }.Where(s => s is not null));
}
