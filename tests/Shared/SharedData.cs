// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Tests;

/// <summary>
/// The optional real data sets in <c>../shared/data</c> beside the repository (CI has them there; a
/// clone elsewhere does not). Tests that need them use <see cref="SharedDataFactAttribute"/>, which
/// marks them skipped, with the path it looked for, when the data is absent.
/// </summary>
internal static class SharedData
{
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data"));

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    public static bool Exists(string relative) => File.Exists(PathOf(relative)) || System.IO.Directory.Exists(PathOf(relative));
}

/// <summary>A fact that runs only when <c>../shared/data/RELATIVE</c> exists, and says so when it skips.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relative)
    {
        if (!SharedData.Exists(relative))
        {
            Skip = $"real data not found at {SharedData.PathOf(relative)} (optional: CI keeps ../shared/data beside the clone)";
        }
    }
}
