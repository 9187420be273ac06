// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Rpc.Tests.Infrastructure;

internal static class Paths
{
    public const string Unary = "/vectorstudio.testing.v1.InteropTest/Unary";
    public const string ServerStream = "/vectorstudio.testing.v1.InteropTest/ServerStream";
    public const string ClientStream = "/vectorstudio.testing.v1.InteropTest/ClientStream";
    public const string Bidi = "/vectorstudio.testing.v1.InteropTest/Bidi";

    /// <summary>The repository root: the first parent of the test binaries holding VectorStudio.slnx.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
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
