// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace VectorStudio.Metrics.Tests;

/// <summary>Runs Debian's promtool (a real Prometheus parser and linter) over exposition text.</summary>
public static class Promtool
{
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var path = File.Exists("/usr/bin/promtool") ? "/usr/bin/promtool" : "promtool";
        var start = new ProcessStartInfo(path, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "promtool is not installed: run scripts/setup-test-deps.sh (the test command does).", e);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(exposition);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
