// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace VectorStudio.Tests;

/// <summary>
/// Runs a program to completion, capturing its output, killing it if it overruns. Linked into every
/// test project by tests/Directory.Build.props.
/// </summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await stdout, $"killed after {timeout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Whether a command succeeds (exit code 0) within 30 s; false when it cannot even start.</summary>
    public static async Task<bool> SucceedsAsync(string fileName, params string[] arguments)
    {
        try
        {
            var (code, _, _) = await RunAsync(fileName, arguments, TimeSpan.FromSeconds(30));
            return code == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static string Describe(int code, string stdout, string stderr) =>
        new StringBuilder()
            .AppendLine($"exit code {code}")
            .AppendLine("--- stdout").AppendLine(stdout)
            .AppendLine("--- stderr").AppendLine(stderr)
            .ToString();
}
