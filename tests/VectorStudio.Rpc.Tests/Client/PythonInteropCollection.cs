// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>Test classes in this collection share one pair of Python servers.</summary>
[CollectionDefinition(Name)]
public sealed class PythonInteropCollection : ICollectionFixture<PythonInteropFixture>
{
    public const string Name = "Python grpcio interop";
}
