// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// Flush-to-zero and denormals-are-zero (MXCSR bits FTZ 0x8000, DAZ 0x0040) for the calling thread, set through
/// glibc's (libm) fegetenv/fesetenv (x86-64 fenv_t: 32 bytes, MXCSR at offset 28; fesetenv loads it whole). MXCSR is
/// per thread, so the mode is set around a native call on the thread that makes it and restored afterwards:
/// the rest of the thread's (managed or native) float code keeps IEEE behaviour.
/// </summary>
internal static unsafe partial class DenormalFlush
{
    /// <summary>FTZ | DAZ.</summary>
    public const uint FlushBits = 0x8040;

    private const int EnvironmentSize = 32;
    private const int MxcsrOffset = 28;

    /// <summary>Whether this process can switch the mode: Linux x86-64 with glibc's fenv functions.</summary>
    public static bool Supported { get; } = Probe();

    /// <summary>The calling thread's MXCSR.</summary>
    public static uint Read()
    {
        var env = stackalloc byte[EnvironmentSize];
        return FeGetEnv(env) == 0 ? *(uint*)(env + MxcsrOffset) : 0;
    }

    /// <summary>Sets FTZ and DAZ on the calling thread; returns the previous MXCSR for <see cref="Restore"/>.</summary>
    public static uint Enter()
    {
        var env = stackalloc byte[EnvironmentSize];
        _ = FeGetEnv(env);
        var previous = *(uint*)(env + MxcsrOffset);
        if ((previous & FlushBits) != FlushBits)
        {
            *(uint*)(env + MxcsrOffset) = previous | FlushBits;
            _ = FeSetEnv(env);
        }

        return previous;
    }

    /// <summary>Puts back the FTZ and DAZ bits of <paramref name="previous"/> on the calling thread.</summary>
    public static void Restore(uint previous)
    {
        if ((previous & FlushBits) == FlushBits)
        {
            return;
        }

        var env = stackalloc byte[EnvironmentSize];
        _ = FeGetEnv(env);
        *(uint*)(env + MxcsrOffset) = (*(uint*)(env + MxcsrOffset) & ~FlushBits) | (previous & FlushBits);
        _ = FeSetEnv(env);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return false;
        }

        try
        {
            var before = Read();
            var previous = Enter();
            var inside = Read();
            Restore(previous);
            return (inside & FlushBits) == FlushBits && (Read() & FlushBits) == (before & FlushBits);
        }
        catch (DllNotFoundException)
        {
            return false; // not glibc (e.g. musl)
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libm.so.6", EntryPoint = "fegetenv")]
    private static partial int FeGetEnv(byte* environment);

    [LibraryImport("libm.so.6", EntryPoint = "fesetenv")]
    private static partial int FeSetEnv(byte* environment);
}
