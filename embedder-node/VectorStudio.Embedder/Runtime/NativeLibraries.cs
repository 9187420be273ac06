// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// Finds the embedder's native libraries (scripts/build-native.sh builds them into
/// embedder-node/native/out/, and the project copies them next to the assembly) and prepares the
/// process before LibTorch loads.
/// </summary>
internal static partial class NativeLibraries
{
    /// <summary>The name LibraryImport uses for the LibTorch shim.</summary>
    public const string TorchShimName = "vstorch";

    public const string TorchShimFile = "libvstorch.so";

    public const string OnnxRuntimeFile = "libonnxruntime.so.1";

    /// <summary>A folder searched first for the native libraries (optional).</summary>
    public const string DirectoryVariable = "VECTORSTUDIO_NATIVE_DIR";

    private static readonly Lock Gate = new();
    private static bool Prepared;

    /// <summary>Whether <see cref="PrepareTorch"/> set glibc malloc's thresholds (see <see cref="MallocTuning"/>).</summary>
    public static bool MallocTuned { get; private set; }

    /// <summary>The folders searched, in order.</summary>
    public static IReadOnlyList<string> SearchDirectories
    {
        get
        {
            var dirs = new List<string>();
            if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } custom)
            {
                dirs.Add(custom);
            }

            dirs.Add(AppContext.BaseDirectory);
            if (Path.GetDirectoryName(typeof(NativeLibraries).Assembly.Location) is { Length: > 0 } assemblyDir)
            {
                dirs.Add(assemblyDir);
            }

            return dirs.Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The full path of <paramref name="fileName"/> in the first search folder that has it, or null.</summary>
    public static string? Find(string fileName) =>
        SearchDirectories.Select(d => Path.Combine(d, fileName)).FirstOrDefault(File.Exists);

    /// <summary>The path of a required library, or a NativeLibraryMissing error that says how to build it.</summary>
    public static string Require(string fileName, string what) =>
        Find(fileName) ?? throw new EmbedderException(
            EmbedderErrorKind.NativeLibraryMissing,
            $"{fileName} ({what}) not found in {string.Join(", ", SearchDirectories)}; build it with scripts/build-native.sh");

    /// <summary>
    /// Once per process, before the first call into the shim: sets OPENBLAS_CORETYPE for OpenBLAS (read when
    /// LibTorch loads it), tunes glibc malloc for LibTorch's per-forward buffers (<see cref="MallocTuning"/>)
    /// and routes LibraryImport's "vstorch" to the file found by <see cref="Find"/>.
    /// </summary>
    public static void PrepareTorch()
    {
        lock (Gate)
        {
            if (Prepared)
            {
                return;
            }

            Require(TorchShimFile, "the LibTorch shim");
            SetOpenBlasCoreType();
            MallocTuned = MallocTuning.Apply();
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            Prepared = true;
        }
    }

    /// <summary>
    /// OpenBLAS 0.3.21 misdetects AVX-512 CPUs and falls back to slow kernels (30–60× here). The variable must
    /// be in the C environment when libopenblas initialises: Environment.SetEnvironmentVariable only changes
    /// .NET's copy, so libc setenv is called. Only on CPUs with AVX-512 (the SkylakeX kernels need it), and
    /// never over a value the operator set.
    /// </summary>
    private static void SetOpenBlasCoreType()
    {
        const string Name = "OPENBLAS_CORETYPE";
        if (!OperatingSystem.IsLinux() || !Avx512F.IsSupported || GetEnv(Name) != 0)
        {
            return;
        }

        _ = SetEnv(Name, "SkylakeX", 0);
        Environment.SetEnvironmentVariable(Name, "SkylakeX");
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name == TorchShimName && Find(TorchShimFile) is { } path)
        {
            return NativeLibrary.Load(path);
        }

        return 0;
    }

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc.so.6", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnv(string name);
}
