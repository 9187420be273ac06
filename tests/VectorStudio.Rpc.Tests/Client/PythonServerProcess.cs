// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>
/// tests/interop/python/interop_server.py (grpcio) as a child process on a free loopback port.
/// It exits when its stdin closes, so it dies with the test run even if disposal never happens.
/// </summary>
public sealed class PythonServerProcess : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";

    // Generating the stubs and starting grpcio takes 1–3 s here; a loaded 2-core machine needs more.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private PythonServerProcess(Process process, StringBuilder stderr, int port)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public static async Task<PythonServerProcess> StartAsync(params string[] arguments)
    {
        await EnsureGrpcioAsync();
        var script = Path.Combine(VectorStudio.Tests.RepoPaths.Root, "tests", "interop", "python", "interop_server.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[script, "--port", "0", "--watch-stdin", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Python);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                const string Prefix = "listening on port ";
                if (line.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    return new PythonServerProcess(process, stderr, int.Parse(line[Prefix.Length..], provider: null));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with the server's stderr.
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        lock (stderr)
        {
            throw new InvalidOperationException($"The Python interop server did not start:\n{stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    public override string ToString()
    {
        lock (_stderr)
        {
            return $"python interop server on {Address}; stderr:\n{_stderr}";
        }
    }

    /// <summary>Fails, never skips, when the independent peer is missing.</summary>
    private static async Task EnsureGrpcioAsync()
    {
        const string Hint = "The gRPC interop tests need Debian's python3-grpcio and python3-grpc-tools for "
            + Python + ": run scripts/setup-test-deps.sh (the test command runs it first).";
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing. {Hint}");
        }

        var check = new ProcessStartInfo(Python, ["-c", "import grpc, grpc_tools.protoc"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(check)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Python} cannot import grpc: {error.Trim()}\n{Hint}");
        }
    }
}
