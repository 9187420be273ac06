// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Benchmarks;

/// <summary>Category names for <c>--anyCategories</c>.</summary>
public static class BenchmarkCategories
{
    public const string Distance = "Distance";
    public const string Search = "Search";
    public const string Grpc = "Grpc";
    public const string Embedder = "Embedder";
    public const string Wal = "Wal";
}
