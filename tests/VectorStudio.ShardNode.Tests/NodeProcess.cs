// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using VectorStudio.Client;
using VectorStudio.Rpc.Client;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// A real vector-studio-node process on loopback with its own data directory and ports picked by
/// the OS (read back from its "ready" log line). Killed and cleaned up on dispose.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private readonly bool _ownsDataDir;

    private NodeProcess(Process process, StringBuilder log, string dataDir, int grpcPort, int httpPort, bool ownsDataDir = true)
    {
        _ownsDataDir = ownsDataDir;
        _process = process;
        _log = log;
        DataDir = dataDir;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        Channel = GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions { MaxReceiveMessageSize = 128 * 1024 * 1024, MaxSendMessageSize = 256 * 1024 * 1024 });
        Collections = new CollectionsClient(Channel);
        Points = new PointsClient(Channel);
        Snapshots = new SnapshotsClient(Channel);
    }

    public string DataDir { get; }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";

    public GrpcChannel Channel { get; }

    public CollectionsClient Collections { get; }

    public PointsClient Points { get; }

    public SnapshotsClient Snapshots { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The path of the node's entry assembly, built next to the tests.</summary>
    public static string NodeAssembly => Path.Combine(AppContext.BaseDirectory, "vector-studio-node.dll");

    public static Task<NodeProcess> StartAsync(params string[] extraArgs) =>
        StartInAsync(Directory.CreateTempSubdirectory("vs-node-").FullName, ownsDataDir: true, extraArgs);

    /// <summary>Starts a node on an existing data directory (a restart); the directory is kept on dispose unless owned.</summary>
    public static async Task<NodeProcess> StartInAsync(string dataDir, bool ownsDataDir, params string[] extraArgs)
    {
        var (process, log) = Launch(["--data-dir", dataDir, "--grpc-port", "0", "--http-port", "0", .. extraArgs]);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            string text;
            lock (log)
            {
                text = log.ToString();
            }

            var ready = ReadyLine().Match(text);
            if (ready.Success)
            {
                return new NodeProcess(process, log, dataDir, int.Parse(ready.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(ready.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), ownsDataDir);
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"the node exited with {process.ExitCode} before it was ready:\n{text}");
            }

            await Task.Delay(50);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("the node did not report ready within 60 s:\n" + log);
    }

    /// <summary>Runs the node with these arguments to its exit (for start-up errors).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IReadOnlyList<string> args, IDictionary<string, string>? environment = null)
    {
        var (process, log) = Launch(args, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        lock (log)
        {
            return (process.ExitCode, log.ToString());
        }
    }

    /// <summary>kill -9: the process gets no chance to flush or close anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await KillAsync();
        _process.Dispose();
        if (!_ownsDataDir)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (Process Process, StringBuilder Log) Launch(IReadOnlyList<string> args, IDictionary<string, string>? environment = null) =>
        LaunchDotnet(NodeAssembly, args, environment);

    /// <summary>Starts `dotnet ASSEMBLY args` with standard output and error collected into one log.</summary>
    internal static (Process Process, StringBuilder Log) LaunchDotnet(
        string assembly, IReadOnlyList<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    [GeneratedRegex(@"ready: gRPC [^ ]+:(\d+) \([^)]+\), HTTP [^ ]+:(\d+)")]
    private static partial Regex ReadyLine();
}
