// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tests;

public sealed class EmbedderAssemblyTests
{
    [Fact]
    public void Directory_Should_ContainTheEmbedderAssembly_When_Loaded()
    {
        Assert.True(File.Exists(Path.Combine(EmbedderAssembly.Directory, "VectorStudio.Embedder.dll")));
    }
}
