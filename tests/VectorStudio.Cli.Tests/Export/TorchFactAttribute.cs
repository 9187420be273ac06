// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Cli.Tests.Export;

/// <summary>A fact that needs libvstorch.so next to vsctl; skipped, saying how to build it, only when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "libvstorch.so")))
        {
            Skip = "libvstorch.so not built (scripts/build-native.sh; scripts/setup-test-deps.sh runs it)";
        }
    }
}
