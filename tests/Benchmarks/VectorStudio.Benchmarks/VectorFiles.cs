// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli.Import;

namespace VectorStudio.Benchmarks;

/// <summary>
/// Loads benchmark vectors with vsctl's readers (.fvecs, .bvecs, .npy, JSONL, chosen by extension),
/// so benchmarks and imports read files the same way and reject malformed ones the same way.
/// </summary>
public static class VectorFiles
{
    public static float[][] Read(string path) =>
        [.. VectorSource.Open(path, null).Read().Select(record => record.Vector)];
}
