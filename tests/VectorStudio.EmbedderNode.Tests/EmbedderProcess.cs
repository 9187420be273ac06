// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using VectorStudio.Client;
using VectorStudio.Rpc.Client;
using VectorStudio.Tests;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>
/// The real <c>vector-studio-embedder</c> executable as a child process on ports 0: started, waited on
/// until its "ready" line names its gRPC port (or until it exits), then stopped.
/// </summary>
internal sealed partial class EmbedderProcess : IAsyncDisposable
{
    // Generous: a cold .NET start, a download and a model load on a contended 2-core CI runner.
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private static readonly string Assembly = Path.Combine(AppContext.BaseDirectory, "vector-studio-embedder.dll");

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmbedderProcess(Process process)
    {
        _process = process;
    }

    public int GrpcPort { get; private set; }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

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

    /// <summary>Starts the node; the result is either ready (ExitCode null) or exited with its code.</summary>
    public static async Task<(EmbedderProcess Process, int? ExitCode)> StartAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])[Assembly, "--grpc-port", "0", "--http-port", "0", .. args])
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var node = new EmbedderProcess(process);
        process.OutputDataReceived += (_, e) => node.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (node._stderr)
            {
                node._stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(node._ready.Task, exited).WaitAsync(StartTimeout);
        if (first == exited)
        {
            // WaitForExitAsync also waits for the asynchronous readers to reach the end of both streams.
            await exited;
            return (node, process.ExitCode);
        }

        return (node, null);
    }

    public GrpcChannel Channel() => GrpcChannel.ForAddress(new Uri($"http://127.0.0.1:{GrpcPort}"));

    public async Task<float[][]> EmbedAsync(IEnumerable<string> texts)
    {
        using var channel = Channel();
        var response = await new EmbedderClient(channel).EmbedAsync(texts);
        return [.. response.Embeddings.Select(e => e.Values.ToArray())];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.AppendLine(line);
        }

        var match = ReadyLine().Match(line);
        if (match.Success)
        {
            GrpcPort = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            _ready.TrySetResult(GrpcPort);
        }
    }

    [GeneratedRegex(@"vector-studio-embedder .* ready: .*gRPC [^ ]+:(\d+) ")]
    private static partial Regex ReadyLine();
}
