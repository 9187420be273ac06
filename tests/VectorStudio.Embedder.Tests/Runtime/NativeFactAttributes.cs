// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>A fact that needs libvstorch.so; it is reported skipped, saying how to build it, only when the shim is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (NativeLibraries.Find(NativeLibraries.TorchShimFile) is null)
        {
            Skip = $"{NativeLibraries.TorchShimFile} not built (scripts/build-native.sh; scripts/setup-test-deps.sh runs it)";
        }
    }
}

/// <summary>A fact that needs libonnxruntime.so.1; skipped, saying how to get it, only when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OnnxFactAttribute : FactAttribute
{
    public OnnxFactAttribute()
    {
        if (NativeLibraries.Find(NativeLibraries.OnnxRuntimeFile) is null)
        {
            Skip = $"{NativeLibraries.OnnxRuntimeFile} not installed (scripts/build-native.sh; scripts/setup-test-deps.sh runs it)";
        }
    }
}
