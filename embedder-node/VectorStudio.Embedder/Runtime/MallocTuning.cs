// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// glibc malloc settings for a process that runs LibTorch forwards. LibTorch mallocs every intermediate
/// tensor and frees it within the forward. With glibc's defaults a block above the (dynamic) mmap threshold
/// is mapped and unmapped on every call, and a free heap top above the trim threshold is handed back to the
/// kernel, so the next forward faults the same pages in again and the kernel zeroes them: about 10,000
/// minor faults (40 MiB) per 32 × 128 forward of the 384-hidden benchmark model, 15–50 per 1 × 32 forward.
/// A fixed mmap threshold of 32 MiB (glibc's maximum; larger blocks are still mapped) and a trim threshold
/// of 512 MiB keep those blocks in the heap: the node holds on to its peak working set, which the next
/// batch needs again. ONNX Runtime has its own arena and needs none of this.
/// </summary>
internal static partial class MallocTuning
{
    /// <summary>Set to <c>off</c> to keep glibc's defaults.</summary>
    public const string OptOutVariable = "VECTORSTUDIO_MALLOC_TUNING";

    public const int MmapThreshold = 32 << 20;

    public const int TrimThreshold = 512 << 20;

    // mallopt parameters (malloc.h).
    private const int TrimThresholdParameter = -1;
    private const int MmapThresholdParameter = -3;

    /// <summary>
    /// Whether to tune: on Linux, unless the operator opted out or tuned malloc already (glibc reads the
    /// MALLOC_*_ variables and glibc.malloc tunables at start; settings made here would override them).
    /// </summary>
    public static bool ShouldApply(Func<string, string?> getEnvironment)
    {
        ArgumentNullException.ThrowIfNull(getEnvironment);
        if (string.Equals(getEnvironment(OptOutVariable), "off", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (getEnvironment("GLIBC_TUNABLES") is { } tunables && tunables.Contains("glibc.malloc.", StringComparison.Ordinal))
        {
            return false;
        }

        return getEnvironment("MALLOC_MMAP_THRESHOLD_") is null && getEnvironment("MALLOC_TRIM_THRESHOLD_") is null;
    }

    /// <summary>Applies the thresholds when <see cref="ShouldApply"/> says so; true when glibc accepted both.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || !ShouldApply(Environment.GetEnvironmentVariable))
        {
            return false;
        }

        try
        {
            // mallopt returns 1 on success. Setting either threshold also stops glibc's dynamic adjustment
            // of both (which raises them only after the first unmap of a large block).
            return MallOpt(MmapThresholdParameter, MmapThreshold) == 1 && MallOpt(TrimThresholdParameter, TrimThreshold) == 1;
        }
        catch (DllNotFoundException)
        {
            return false; // not glibc (e.g. musl): its allocator has no such thresholds
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
