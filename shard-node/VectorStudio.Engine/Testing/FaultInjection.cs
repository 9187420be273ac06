// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace VectorStudio.Engine.Testing;

/// <summary>
/// Named points where tests make a write sequence fail, as a crash there would stop it. Compiled in DEBUG
/// builds only: in Release the calls vanish and nothing can be armed.
/// </summary>
public static class FaultInjection
{
    private static volatile string? ArmedPoint;

    /// <summary>Makes the next <see cref="Hit"/> of <paramref name="point"/> throw; null disarms.</summary>
    [Conditional("DEBUG")]
    public static void Arm(string? point) => ArmedPoint = point;

    /// <summary>Throws <see cref="InjectedFaultException"/> if <paramref name="point"/> is armed (once).</summary>
    [Conditional("DEBUG")]
    public static void Hit(string point)
    {
        if (ArmedPoint is { } current && string.Equals(current, point, StringComparison.Ordinal))
        {
            ArmedPoint = null;
            throw new InjectedFaultException(point);
        }
    }
}
