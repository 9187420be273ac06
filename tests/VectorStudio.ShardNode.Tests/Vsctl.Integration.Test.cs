// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text.Json;
using VectorStudio.Tests;

namespace VectorStudio.ShardNode.Tests;

/// <summary>The real vsctl executable against a real node: output for people and scripts, exit codes.</summary>
public sealed class VsctlIntegrationTests(NodeFixture fixture) : IClassFixture<NodeFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vs-cli-").FullName;

    private NodeProcess Node => fixture.Node;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Import_Should_LoadFvecsWithProgressAndSearchFromFile_When_RunEndToEnd()
    {
        var name = NodeFixture.UniqueName("cli");
        var vectors = Enumerable.Range(0, 500).Select(i => new[] { (float)i, (float)(i % 7), 1f }).ToArray();
        var file = Path.Combine(_dir, "base.fvecs");
        WriteFvecs(file, vectors);
        var queries = Path.Combine(_dir, "q.fvecs");
        WriteFvecs(queries, [vectors[10], vectors[400]]);

        var create = await RunAsync("collections", "create", name, "--dim", "3", "--metric", "l2");
        var import = await RunAsync("import", name, file, "--batch", "64");
        var count = await RunAsync("count", name);
        var search = await RunAsync("--json", "search", name, "--file", queries, "--k", "1");

        Assert.Equal(0, create.ExitCode);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("imported 500 points into " + name, import.Output, StringComparison.Ordinal);
        Assert.Contains("500/500 100.0%", import.Error, StringComparison.Ordinal);
        Assert.Equal("500", count.Output.Trim());
        using var json = JsonDocument.Parse(search.Output);
        var results = json.RootElement.GetProperty("results");
        Assert.Equal("10", results[0].GetProperty("points")[0].GetProperty("id").GetProperty("num").GetString());
        Assert.Equal("400", results[1].GetProperty("points")[0].GetProperty("id").GetProperty("num").GetString());
    }

    [Fact]
    public async Task Import_Should_KeepPayloadsAndFilter_When_FileIsJsonl()
    {
        var name = NodeFixture.UniqueName("jsonl");
        var file = Path.Combine(_dir, "points.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 100).Select(i =>
            "{\"id\": " + i + ", \"vector\": [" + i + ", 1], \"payload\": {\"kind\": \"" + (i % 2 == 0 ? "even" : "odd") + "\", \"n\": " + i + "}}"));
        await RunAsync("collections", "create", name, "--dim", "2", "--metric", "dot");

        var import = await RunAsync("import", name, file, "--stream");
        var count = await RunAsync("count", name, "--filter", """{"must":[{"field":{"key":"kind","match":{"keyword":"even"}}}]}""");
        var info = await RunAsync("collections", "info", name);
        var get = await RunAsync("get", name, "7");

        Assert.Equal(0, import.ExitCode);
        Assert.Equal("50", count.Output.Trim());
        Assert.Contains("payload.kind", info.Output, StringComparison.Ordinal);
        Assert.Contains("kind=odd n=7", get.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vsctl_Should_ExitOneWithStatus_When_ServerRejectsCall()
    {
        var result = await RunAsync("collections", "info", "does-not-exist");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NotFound", result.Error, StringComparison.Ordinal);
        Assert.Contains("does-not-exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vsctl_Should_ExitTwo_When_CommandLineIsWrong()
    {
        var unknown = await RunAsync("frobnicate");
        var badOption = await RunAsync("count", "x", "--filtr", "{}");
        var badFilter = await RunAsync("count", "x", "--filter", "{not json");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown command 'frobnicate'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, badOption.ExitCode);
        Assert.Contains("unknown option: --filtr", badOption.Error, StringComparison.Ordinal);
        Assert.Equal(2, badFilter.ExitCode);
        Assert.Contains("--filter", badFilter.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vsctl_Should_ExitThree_When_InputFileIsMalformed()
    {
        var name = NodeFixture.UniqueName("badfile");
        await RunAsync("collections", "create", name, "--dim", "2");
        var file = Path.Combine(_dir, "bad.jsonl");
        await File.WriteAllTextAsync(file, "{\"vector\": [1, 2]}\n{\"vector\": \"nope\"}\n");

        var result = await RunAsync("import", name, file);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{file}:2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vsctl_Should_ExitFour_When_ServerIsUnreachable()
    {
        var result = await RunWithAddressAsync("http://127.0.0.1:1", "collections", "list");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("Unavailable", result.Error, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunWithAddressAsync(Node.GrpcAddress, args);

    private static Task<(int ExitCode, string Output, string Error)> RunWithAddressAsync(string address, params string[] args) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "vsctl.dll"), "--addr", address, .. args], TimeSpan.FromSeconds(60));

    private static void WriteFvecs(string path, float[][] vectors)
    {
        using var stream = File.Create(path);
        Span<byte> four = stackalloc byte[4];
        foreach (var v in vectors)
        {
            BinaryPrimitives.WriteInt32LittleEndian(four, v.Length);
            stream.Write(four);
            foreach (var x in v)
            {
                BinaryPrimitives.WriteSingleLittleEndian(four, x);
                stream.Write(four);
            }
        }
    }
}
