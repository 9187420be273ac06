// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using VectorStudio.Client;
using VectorStudio.Rpc.Client;

namespace VectorStudio.ShardNode.Tests;

/// <summary>
/// A real vector-studio-embedder process on loopback (ports picked by the OS, read back from its "ready" log
/// line) serving a model package on the CPU. Killed on dispose.
/// </summary>
public sealed partial class EmbedderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private EmbedderProcess(Process process, StringBuilder log, int grpcPort)
    {
        _process = process;
        _log = log;
        GrpcPort = grpcPort;
        Channel = GrpcChannel.ForAddress(Endpoint);
        Client = new EmbedderClient(Channel);
    }

    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "vector-studio-embedder.dll");

    /// <summary>Whether the LibTorch shim was built (scripts/build-native.sh) and copied next to the tests.</summary>
    public static bool TorchAvailable => File.Exists(Path.Combine(AppContext.BaseDirectory, "libvstorch.so"));

    public int GrpcPort { get; }

    public string Endpoint => $"http://127.0.0.1:{GrpcPort}";

    public GrpcChannel Channel { get; }

    /// <summary>Embed, GetModelInfo and the admin LoadModel.</summary>
    public EmbedderClient Client { get; }

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

    public static async Task<EmbedderProcess> StartAsync(string modelDir, params string[] extraArgs)
    {
        // OpenBLAS misdetects the build machines' CPU; this is 30-60x faster (DESIGN.md, "Pitfalls").
        var (process, log) = NodeProcess.LaunchDotnet(
            Assembly,
            ["--model-dir", modelDir, "--device", "cpu", "--grpc-port", "0", "--http-port", "0", .. extraArgs],
            new Dictionary<string, string> { ["OPENBLAS_CORETYPE"] = "SkylakeX" });
        // Generous: a cold .NET start plus a model load on a contended 2-core runner.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            string text;
            lock (log)
            {
                text = log.ToString();
            }

            var ready = ReadyLine().Match(text);
            if (ready.Success)
            {
                return new EmbedderProcess(process, log, int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture));
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"the embedder exited with {process.ExitCode} before it was ready:\n{text}");
            }

            await Task.Delay(50);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("the embedder did not report ready within 120 s:\n" + log);
    }

    /// <summary>kill -9; its port then refuses connections.</summary>
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
    }

    [GeneratedRegex(@"ready: model .*gRPC [^ ]+:(\d+) \(")]
    private static partial Regex ReadyLine();
}
