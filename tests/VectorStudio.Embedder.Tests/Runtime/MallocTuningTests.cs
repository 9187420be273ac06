// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>When the LibTorch process tunes glibc malloc, decided from the environment alone.</summary>
public sealed class MallocTuningTests
{
    [Fact]
    public void ShouldApply_Should_BeTrue_When_NothingIsSet()
    {
        Assert.True(MallocTuning.ShouldApply(_ => null));
        Assert.True(MallocTuning.ShouldApply(Env("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=512")));
        Assert.True(MallocTuning.ShouldApply(Env(MallocTuning.OptOutVariable, "on")));
    }

    [Theory]
    [InlineData(MallocTuning.OptOutVariable, "off")]
    [InlineData(MallocTuning.OptOutVariable, "OFF")]
    [InlineData("MALLOC_MMAP_THRESHOLD_", "131072")]
    [InlineData("MALLOC_TRIM_THRESHOLD_", "131072")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1000000")]
    public void ShouldApply_Should_BeFalse_When_TheOperatorOptedOutOrTunedMalloc(string name, string value)
    {
        Assert.False(MallocTuning.ShouldApply(Env(name, value)));
    }

    private static Func<string, string?> Env(string name, string value) => n => n == name ? value : null;
}
