// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace VectorStudio.Engine.Errors;

/// <summary>Cold throw paths kept out of hot methods so those stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void InvalidArgument(string message) => throw EngineException.InvalidArgument(message);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void LengthMismatch(int a, int b) =>
        throw new ArgumentException($"vectors have different lengths ({a} and {b})");
}
