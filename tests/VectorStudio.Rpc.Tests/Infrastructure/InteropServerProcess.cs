// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VectorStudio.Rpc.Tests.Infrastructure;

/// <summary>
/// The interop server exe as a child process (<c>dotnet VectorStudio.Interop.Server.dll --port 0</c>),
/// ready once it prints "listening on port N". Killed on dispose.
/// </summary>
internal sealed class InteropServerProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "listening on port ";

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private InteropServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static async Task<InteropServerProcess> StartAsync(params string[] extraArguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "VectorStudio.Interop.Server.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add("0");
        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the interop server.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    var port = int.Parse(line.AsSpan(ReadyPrefix.Length), CultureInfo.InvariantCulture);
                    var server = new InteropServerProcess(process, port);
                    lock (stderr)
                    {
                        server._stderr.Append(stderr);
                    }

                    return server;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The interop server never said it was listening. stderr:\n{stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
