// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Tests;

namespace VectorStudio.Cli.Tests.Export;

/// <summary>Runs the real vsctl (built next to the tests, or a copy elsewhere) as a child process.</summary>
internal static class Vsctl
{
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "vsctl.dll");

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string address, params string[] args) =>
        RunFromAsync(Assembly, address, args);

    /// <summary>Generous timeout: a start of the .NET host plus LibTorch's load on a contended 2-core runner.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunFromAsync(string assembly, string address, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [assembly, "--addr", address, .. args], TimeSpan.FromMinutes(2));

    /// <summary>vsctl's output folder copied without the native libraries: the machine that never built them.</summary>
    public static string CopyWithoutNativeLibraries(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
        {
            var name = Path.GetFileName(file);
            if (!name.Contains(".so", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(target, name));
            }
        }

        return Path.Combine(target, "vsctl.dll");
    }
}
