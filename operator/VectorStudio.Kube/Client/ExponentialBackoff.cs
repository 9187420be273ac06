// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Client;

/// <summary>
/// Exponential backoff with jitter and a cap: attempt n waits min(Initial·2ⁿ, Max), stretched by a
/// random 0–<see cref="Jitter"/> fraction so that many clients failing together do not retry in step.
/// Not thread-safe: one instance per retry loop.
/// </summary>
public sealed class ExponentialBackoff
{
    private readonly Random _random;
    private int _attempt;

    public ExponentialBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.5, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
        Jitter = jitter;
        _random = random ?? Random.Shared;
    }

    public TimeSpan Initial { get; }

    public TimeSpan Max { get; }

    public double Jitter { get; }

    /// <summary>How many delays were handed out since the last <see cref="Reset"/>.</summary>
    public int Attempts => _attempt;

    /// <summary>The next delay; each call doubles the base until it reaches <see cref="Max"/>.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt, 30);
        _attempt++;
        var baseTicks = Math.Min(Initial.Ticks * Math.Pow(2, exponent), Max.Ticks);
        var jittered = baseTicks * (1 + (Jitter * _random.NextDouble()));
        return TimeSpan.FromTicks((long)Math.Min(jittered, Max.Ticks));
    }

    /// <summary>Back to <see cref="Initial"/> after a success.</summary>
    public void Reset() => _attempt = 0;
}
