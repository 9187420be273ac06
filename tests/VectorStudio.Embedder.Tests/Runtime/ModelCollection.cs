// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>The tests that share <see cref="ModelFixture"/> (the models are built once per run).</summary>
[CollectionDefinition(Name)]
public sealed class ModelCollection : ICollectionFixture<ModelFixture>
{
    public const string Name = "embedder models";
}
