// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Tests;

/// <summary>
/// Finds the repository root (the folder holding VectorStudio.slnx) from the test binaries. Linked
/// into every test project by tests/Directory.Build.props.
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VectorStudio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VectorStudio.slnx not found above " + AppContext.BaseDirectory);
    }
}
