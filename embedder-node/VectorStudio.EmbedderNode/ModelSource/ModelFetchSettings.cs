// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>How models named by URI are downloaded and where they are kept.</summary>
/// <param name="CacheDirectory">Folder of unpacked packages, one subfolder per URI and digest.</param>
/// <param name="MaxBytes">Largest archive, and largest total of unpacked files, accepted.</param>
/// <param name="Attempts">HTTP attempts before a transient failure is final (1 = no retry).</param>
/// <param name="RetryDelay">Wait before the second attempt; it doubles for each later one.</param>
/// <param name="Timeout">Longest wait for the response headers, and for each read of the body.</param>
public sealed record ModelFetchSettings(
    string CacheDirectory,
    long MaxBytes,
    int Attempts,
    TimeSpan RetryDelay,
    TimeSpan Timeout)
{
    /// <summary>The default cache folder: under the temp folder, which a pod mounts writable.</summary>
    public static string DefaultCacheDirectory => Path.Combine(Path.GetTempPath(), "vector-studio-models");

    /// <summary>4 GiB: above the largest embedding models we expect (a few hundred MB to ~2 GB in fp32).</summary>
    public const long DefaultMaxBytes = 4L << 30;

    /// <summary>Defaults for a cache folder.</summary>
    public static ModelFetchSettings For(string cacheDirectory) =>
        new(cacheDirectory, DefaultMaxBytes, 5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
}
