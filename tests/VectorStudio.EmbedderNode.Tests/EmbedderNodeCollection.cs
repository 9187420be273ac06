// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>The tests that share <see cref="EmbedderNodeFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class EmbedderNodeCollection : ICollectionFixture<EmbedderNodeFixture>
{
    public const string Name = "embedder node";
}
