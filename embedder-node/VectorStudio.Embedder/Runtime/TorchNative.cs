// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// The vstorch shim's C ABI (embedder-node/native/vstorch.h). Every call returns a status; the message of
/// a failure is read from <c>vst_last_error</c> on the same thread right after it.
/// </summary>
internal static unsafe partial class TorchNative
{
    /// <summary>The ABI version this code was written for (vst_abi_version).</summary>
    public const int AbiVersion = 2;

    /// <summary>Shape arrays passed to forward hold up to this many dimensions.</summary>
    public const int MaxRank = 8;

    private static readonly Lock Gate = new();
    private static bool Ready;

    /// <summary>Prepares the process, loads the shim and checks its ABI version (once).</summary>
    public static void EnsureReady()
    {
        lock (Gate)
        {
            if (Ready)
            {
                return;
            }

            NativeLibraries.PrepareTorch();
            var version = vst_abi_version();
            if (version != AbiVersion)
            {
                throw new EmbedderException(
                    EmbedderErrorKind.NativeLibraryMissing,
                    $"libvstorch.so has ABI version {version}, expected {AbiVersion}; rebuild it with scripts/build-native.sh");
            }

            Ready = true;
        }
    }

    public static int CudaDeviceCount() => vst_cuda_available() == 1 ? vst_cuda_device_count() : 0;

    /// <summary>Throws the <see cref="EmbedderException"/> for a non-zero status.</summary>
    public static void Check(int status, string context)
    {
        if (status == 0)
        {
            return;
        }

        var message = Marshal.PtrToStringUTF8(vst_last_error()) ?? "";
        var kind = status switch
        {
            1 => EmbedderErrorKind.InvalidInput,
            2 => EmbedderErrorKind.ModelNotFound,
            3 => EmbedderErrorKind.InvalidModel,
            4 => EmbedderErrorKind.DeviceUnavailable,
            5 => EmbedderErrorKind.InferenceFailed,
            6 => EmbedderErrorKind.UnsupportedOutput,
            7 => EmbedderErrorKind.Io,
            _ => EmbedderErrorKind.Internal,
        };
        throw new EmbedderException(kind, $"{context}: {message}");
    }

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial int vst_abi_version();

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial nint vst_last_error();

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial int vst_cuda_available();

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial int vst_cuda_device_count();

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial int vst_set_num_threads(int threads);

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial int vst_get_num_threads();

    [LibraryImport(NativeLibraries.TorchShimName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vst_module_load(string path, string device, int fp16, out TorchModuleHandle module);

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial void vst_module_free(nint module);

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial int vst_module_prepack(TorchModuleHandle module, out int linears, byte* detail, int detailSize);

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial int vst_module_forward(
        TorchModuleHandle module, long* inputIds, long* attentionMask, long batch, long seq, out nint output, long* shape, out int rank);

    [LibraryImport(NativeLibraries.TorchShimName)]
    internal static partial void vst_buffer_free(nint buffer);

    [LibraryImport(NativeLibraries.TorchShimName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vst_save_tensors(string path, float* matrix, long rows, long cols, long* labels);
}
