// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.ShardNode.Tests;

/// <summary>A fact that needs the LibTorch shim next to the tests; reported skipped, saying how to build it, when absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TorchFactAttribute : FactAttribute
{
    public const string Reason = "libvstorch.so not built (scripts/build-native.sh; scripts/setup-test-deps.sh runs it)";

    public TorchFactAttribute()
    {
        if (!EmbedderProcess.TorchAvailable)
        {
            Skip = Reason;
        }
    }
}
