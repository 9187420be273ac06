// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Win32.SafeHandles;

namespace VectorStudio.Embedder.Runtime;

/// <summary>
/// A loaded TorchScript module in the shim. As a SafeHandle, every call made with it holds a reference, so
/// disposing the backend while a forward runs frees the module only after that forward returns.
/// </summary>
internal sealed class TorchModuleHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public TorchModuleHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        TorchNative.vst_module_free(handle);
        return true;
    }
}
