// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VectorStudio.Benchmarks.Durability;

/// <summary>Starts the real vector-studio-node process (by default the one built next to the benchmarks) and waits for its "ready" line.</summary>
internal sealed partial class NodeLauncher : IDisposable
{
    private readonly Process _process;

    private NodeLauncher(Process process, int grpcPort, int httpPort, TimeSpan startToReady, string recoveryLine)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        StartToReady = startToReady;
        RecoveryLine = recoveryLine;
    }

    public int GrpcPort { get; }

    /// <summary>The port of /metrics.</summary>
    public int HttpPort { get; }

    /// <summary>From process start to the ready line (recovery included).</summary>
    public TimeSpan StartToReady { get; }

    /// <summary>CPU time the node process has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The node's own "recovery: ..." log line.</summary>
    public string RecoveryLine { get; }

    /// <param name="nodeDir">The directory holding vector-studio-node.dll (the benchmarks' own, or another build to compare).</param>
    /// <param name="dataDir">The node's --data-dir.</param>
    /// <param name="extra">More node arguments.</param>
    public static async Task<NodeLauncher> StartAsync(string nodeDir, string dataDir, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(nodeDir, "vector-studio-node.dll"), "--data-dir", dataDir, "--grpc-port", "0", "--http-port", "0", .. extra])
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource<(int Port, int HttpPort, TimeSpan At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recovery = string.Empty;
        process.ErrorDataReceived += (_, e) => Console.Error.WriteLine(e.Data);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("the node exited before it was ready"));
                return;
            }

            if (e.Data.Contains("recovery:", StringComparison.Ordinal))
            {
                recovery = e.Data;
            }

            var match = ReadyLine().Match(e.Data);
            if (match.Success)
            {
                ready.TrySetResult((Port(match.Groups[1].Value), Port(match.Groups[2].Value), clock.Elapsed));
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        (int Port, int HttpPort, TimeSpan At) result;
        try
        {
            result = await ready.Task.WaitAsync(TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var (port, httpPort, at) = result;
        return new NodeLauncher(process, port, httpPort, at, recovery);
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static int Port(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"ready: gRPC [^ ]+:(\d+) \([^)]*\), HTTP [^ ]+:(\d+) ")]
    private static partial Regex ReadyLine();
}
