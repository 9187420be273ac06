// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Rpc.Tests.Infrastructure;
using VectorStudio.Tests;

namespace VectorStudio.Rpc.Tests.Interop;

/// <summary>
/// Independent gRPC implementations (Python grpcio, Node @grpc/grpc-js) drive the interop server
/// exe through every case. Their absence is a failure, not a skip: the suite's test command runs
/// scripts/setup-test-deps.sh first, which installs them.
/// </summary>
public sealed class InteropClientsIntegrationTest
{
    private const string SetupHint = "Run scripts/setup-test-deps.sh to install the interop test dependencies.";
    private const string Python = "/usr/bin/python3";

    private static readonly string[] AllCases =
    [
        "unary", "server_stream", "client_stream", "bidi", "deadline_exceeded", "gzip_both_ways",
        "error_non_ascii", "metadata_round_trip", "health_check", "health_watch", "reflection",
        "large_response_5mb", "oversize_request_rejected", "unimplemented",
    ];

    [Fact]
    public async Task PythonClient_Should_PassEveryCase_When_RunAgainstInteropServer()
    {
        await RequirePythonAsync();
        await using var server = await InteropServerProcess.StartAsync();

        await RunClientAsync(server, Python, PythonScript, AllCases);
    }

    [Fact]
    public async Task NodeClient_Should_PassEveryCase_When_RunAgainstInteropServer()
    {
        await RequireNodeAsync();
        await using var server = await InteropServerProcess.StartAsync();

        await RunClientAsync(server, "node", NodeScript, AllCases);
    }

    [Fact]
    public async Task Clients_Should_PassStreamingCases_When_ServerCompressesEveryResponse()
    {
        await RequirePythonAsync();
        await RequireNodeAsync();
        await using var server = await InteropServerProcess.StartAsync("--response-compression", "gzip");
        string[] cases =
            ["unary", "server_stream", "client_stream", "bidi", "metadata_round_trip", "large_response_5mb"];

        await RunClientAsync(server, Python, PythonScript, cases);
        await RunClientAsync(server, "node", NodeScript, cases);
    }

    private static string PythonScript => Path.Combine(VectorStudio.Tests.RepoPaths.Root, "tests/interop/python/interop_client.py");

    private static string NodeScript => Path.Combine(VectorStudio.Tests.RepoPaths.Root, "tests/interop/node/interop_client.js");

    private static async Task RunClientAsync(InteropServerProcess server, string program, string script, string[] cases)
    {
        var (code, stdout, stderr) = await ChildProcess.RunAsync(
            program,
            [script, "--target", $"127.0.0.1:{server.Port}", "--cases", string.Join(',', cases)],
            TimeSpan.FromMinutes(2));
        var report = ChildProcess.Describe(code, stdout, stderr) + "--- server stderr\n" + server.Stderr;

        var results = new Dictionary<string, bool>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            results[root.GetProperty("case").GetString()!] = root.GetProperty("ok").GetBoolean();
        }

        var failed = cases.Where(c => !results.GetValueOrDefault(c)).ToList();
        Assert.True(failed.Count == 0, $"{Path.GetFileName(script)} failed {string.Join(", ", failed)}\n{report}");
        Assert.True(code == 0, report);
    }

    private static async Task RequirePythonAsync()
    {
        if (!await ChildProcess.SucceedsAsync(Python, "-c", "import grpc, grpc_tools.protoc"))
        {
            Assert.Fail(
                $"{Python} cannot import grpc and grpc_tools (Debian python3-grpcio, python3-grpc-tools). {SetupHint}");
        }
    }

    private static async Task RequireNodeAsync()
    {
        if (!await ChildProcess.SucceedsAsync("node", "--version"))
        {
            Assert.Fail($"node is not on PATH. {SetupHint}");
        }

        var grpcJs = Path.Combine(VectorStudio.Tests.RepoPaths.Root, "tests/interop/node/node_modules/@grpc/grpc-js");
        if (!Directory.Exists(grpcJs))
        {
            Assert.Fail($"{grpcJs} is missing (npm ci in tests/interop/node). {SetupHint}");
        }
    }
}
