// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;
using VectorStudio.Tests;

namespace VectorStudio.ShardNode.Tests;

/// <summary>Text in the vector API: a real shard node process bound to a real embedder process.</summary>
public sealed class TextApiIntegrationTests(TextApiFixture fixture) : IClassFixture<TextApiFixture>
{
    private NodeProcess Node => fixture.Node;

    [TorchFact]
    public async Task Search_Should_RankThePointWithTheQueryTextFirst_When_PointsWereUpsertedAsText()
    {
        var name = NodeFixture.UniqueName("text");
        var created = await CreateAsync(name, fixture.Embedder.Endpoint);
        // 300 texts: more than the embedder takes in one request (256), so the node must split them.
        var upsert = new UpsertPointsRequest { Collection = name };
        upsert.Points.AddRange(Enumerable.Range(0, 300).Select(i => TextPoint((ulong)i, Text(i))));
        var vectorPoint = new Point { Id = new PointId { Num = 1000 } };
        vectorPoint.Vector.AddRange(Enumerable.Repeat(0.5f, TextModels.Dimension));
        upsert.Points.Add(vectorPoint);

        var written = await Node.Points.UpsertAsync(upsert);
        var search = new SearchPointsRequest { Collection = name, Limit = 3, WithPayload = true };
        search.Queries.Add(new QueryVector { Text = Text(7) });
        search.Queries.Add(new QueryVector { Vector = { vectorPoint.Vector } });
        search.Queries.Add(new QueryVector { Text = Text(250) });
        var results = (await Node.Points.SearchAsync(search)).Results;

        Assert.Equal((uint)TextModels.Dimension, created.Dimension);
        Assert.Equal(fixture.Embedder.Endpoint, created.Embedder.Endpoint);
        Assert.Equal("text", created.Embedder.TextField);
        Assert.Equal(301ul, written.Upserted);
        Assert.Equal(3, results.Count);
        // The model is deterministic: the same text gives the same vector, so cosine 1 up to float rounding.
        Assert.Equal(7ul, results[0].Points[0].Id.Num);
        Assert.InRange(results[0].Points[0].Score, 0.9999f, 1.0001f);
        Assert.Equal(Text(7), results[0].Points[0].Payload["text"].StringValue);
        Assert.True(results[0].Points[1].Score < results[0].Points[0].Score);
        Assert.Equal(1000ul, results[1].Points[0].Id.Num);
        Assert.Equal(250ul, results[2].Points[0].Id.Num);
        Assert.InRange(results[2].Points[0].Score, 0.9999f, 1.0001f);
    }

    [TorchFact]
    public async Task UpsertStream_Should_EmbedEveryBatch_When_BatchesCarryText()
    {
        var name = NodeFixture.UniqueName("stream");
        await CreateAsync(name, fixture.Embedder.Endpoint);
        using var call = Node.Points.UpsertStream();
        for (var b = 0; b < 3; b++)
        {
            await call.RequestStream.WriteAsync(Upsert(name, Enumerable.Range(b * 10, 10)));
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        var hits = await Node.Points.SearchAsync(TextSearch(name, Text(21)));

        Assert.Equal(30ul, response.Upserted);
        Assert.Equal(21ul, hits.Results[0].Points[0].Id.Num);
    }

    [TorchFact]
    public async Task Restart_Should_KeepTheBindingAndThePoints_When_TheNodeIsKilled()
    {
        var dataDir = Directory.CreateTempSubdirectory("vs-text-restart-").FullName;
        try
        {
            var name = "restart";
            await using (var first = await NodeProcess.StartInAsync(dataDir, ownsDataDir: false))
            {
                await first.Collections.CreateAsync(CreateRequest(name, fixture.Embedder.Endpoint, textField: "body"));
                await first.Points.UpsertAsync(Upsert(name, Enumerable.Range(0, 20)));
                await first.Snapshots.CreateAsync(name);
                await first.Points.UpsertAsync(Upsert(name, Enumerable.Range(20, 10)));
                await first.KillAsync();
            }

            await using var second = await NodeProcess.StartInAsync(dataDir, ownsDataDir: false);
            var info = await second.Collections.GetAsync(name);
            var hits = await second.Points.SearchAsync(TextSearch(name, Text(25)));

            Assert.Equal(30ul, info.PointCount);
            Assert.Equal(fixture.Embedder.Endpoint, info.Embedder.Endpoint);
            Assert.Equal("body", info.Embedder.TextField);
            Assert.Equal((uint)TextModels.Dimension, info.Dimension);
            Assert.Equal(25ul, hits.Results[0].Points[0].Id.Num);
            Assert.Equal(Text(25), hits.Results[0].Points[0].Payload["body"].StringValue);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [TorchFact]
    public async Task Create_Should_FailNamingBothDimensions_When_TheModelHasAnother()
    {
        var request = CreateRequest(NodeFixture.UniqueName("dim"), fixture.Embedder.Endpoint);
        request.Dimension = 64;

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.CreateAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("dimension 64", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("embeds 128 floats", e.Status.Detail, StringComparison.Ordinal);
        await AssertAbsentAsync(request.Name);
    }

    [TorchFact]
    public async Task Create_Should_FailNamingTheModel_When_TheBindingExpectsAnother()
    {
        var request = CreateRequest(NodeFixture.UniqueName("model"), fixture.Embedder.Endpoint);
        request.Embedder.Model = "all-MiniLM-L6-v2";

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.CreateAsync(request));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("serves model \"tiny-pooled\"", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("\"all-MiniLM-L6-v2\"", e.Status.Detail, StringComparison.Ordinal);
    }

    [TorchFact]
    public async Task Create_Should_FailUnavailableNamingTheEndpoint_When_NothingListens()
    {
        var port = ClosedPort();
        var request = CreateRequest(NodeFixture.UniqueName("down"), $"127.0.0.1:{port}");

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.CreateAsync(request));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains($"the embedder at http://127.0.0.1:{port}", e.Status.Detail, StringComparison.Ordinal);
        await AssertAbsentAsync(request.Name);
    }

    [TorchFact]
    public async Task Create_Should_FailInvalid_When_TheEndpointIsNotAnAddress()
    {
        var request = CreateRequest(NodeFixture.UniqueName("bad"), "https://embedder:443/path");

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Collections.CreateAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("accepted: host:port or http://host:port", e.Status.Detail, StringComparison.Ordinal);
    }

    [TorchFact]
    public async Task Upsert_Should_FailPrecondition_When_TheCollectionHasNoEmbedder()
    {
        var name = NodeFixture.UniqueName("plain");
        await Node.Collections.CreateAsync(new CreateCollectionRequest { Name = name, Dimension = 4, Distance = Distance.Cosine });

        var upsert = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(Upsert(name, [0, 1])));
        var search = await Assert.ThrowsAsync<RpcException>(() => Node.Points.SearchAsync(TextSearch(name, "w5")));

        Assert.Equal(StatusCode.FailedPrecondition, upsert.StatusCode);
        Assert.Contains($"collection \"{name}\" has no embedder, so point 0 cannot be sent as text", upsert.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("--embedder host:port", upsert.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, search.StatusCode);
        Assert.Contains("query 0", search.Status.Detail, StringComparison.Ordinal);
    }

    [TorchFact]
    public async Task Upsert_Should_StoreNothingAndNameThePoint_When_TheEmbedderRefusesAText()
    {
        var name = NodeFixture.UniqueName("blank");
        await CreateAsync(name, fixture.Embedder.Endpoint);
        await Node.Points.UpsertAsync(Upsert(name, [0, 1]));
        var request = Upsert(name, Enumerable.Range(2, 5));
        request.Points[3].Text = "   ";
        var both = Upsert(name, [9]);
        both.Points[0].Vector.Add(1f);

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(request));
        var twice = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(both));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("point 3: the embedder at", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("the text is empty or only whitespace", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, twice.StatusCode);
        Assert.Contains("point 0 has both a vector and text", twice.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(2ul, (await Node.Points.CountAsync(new CountPointsRequest { Collection = name })).Count);
    }

    [TorchFact]
    public async Task Upsert_Should_FailResourceExhausted_When_TheEmbeddersQueueIsFull()
    {
        // One queued text at a time and one text per model call: 200 texts submitted at once overflow it.
        await using var small = await EmbedderProcess.StartAsync(fixture.Model, "--queue-capacity", "1", "--max-batch-size", "1");
        var name = NodeFixture.UniqueName("full");
        await CreateAsync(name, small.Endpoint);

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(Upsert(name, Enumerable.Range(0, 200))));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains($"the embedder at {small.Endpoint} is overloaded", e.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(e.Trailers.GetValue("retry-after-ms"));
        Assert.Equal(0ul, (await Node.Points.CountAsync(new CountPointsRequest { Collection = name })).Count);
    }

    [TorchFact]
    public async Task Upsert_Should_FailPreconditionWithBothDimensions_When_TheEmbeddersModelWasSwapped()
    {
        await using var swapped = await EmbedderProcess.StartAsync(fixture.Model);
        var name = NodeFixture.UniqueName("swap");
        await CreateAsync(name, swapped.Endpoint);
        await swapped.Client.LoadModelAsync(fixture.OtherModel);

        var e = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(Upsert(name, [0, 1])));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("returned vectors of dimension 64", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("has dimension 128", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0ul, (await Node.Points.CountAsync(new CountPointsRequest { Collection = name })).Count);
    }

    [TorchFact]
    public async Task Upsert_Should_FailUnavailableAndStoreNothing_When_TheEmbedderStopped()
    {
        var stopped = await EmbedderProcess.StartAsync(fixture.Model);
        var name = NodeFixture.UniqueName("stop");
        await CreateAsync(name, stopped.Endpoint);
        await Node.Points.UpsertAsync(Upsert(name, [0, 1, 2]));
        await stopped.DisposeAsync();

        var upsert = await Assert.ThrowsAsync<RpcException>(() => Node.Points.UpsertAsync(Upsert(name, [3, 4])));
        var search = await Assert.ThrowsAsync<RpcException>(() => Node.Points.SearchAsync(TextSearch(name, Text(1))));

        Assert.Equal(StatusCode.Unavailable, upsert.StatusCode);
        Assert.Contains($"the embedder at {stopped.Endpoint} (collection \"{name}\") is unreachable", upsert.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, search.StatusCode);
        Assert.Equal(3ul, (await Node.Points.CountAsync(new CountPointsRequest { Collection = name })).Count);
    }

    [TorchFact]
    public async Task Vsctl_Should_CreateImportUpsertAndSearchByText_When_TheCollectionHasAnEmbedder()
    {
        var name = NodeFixture.UniqueName("cli-text");
        var dir = Directory.CreateTempSubdirectory("vs-cli-text-").FullName;
        try
        {
            var file = Path.Combine(dir, "docs.jsonl");
            await File.WriteAllLinesAsync(file, Enumerable.Range(0, 40).Select(i =>
                $"{{\"id\": {i}, \"text\": \"{Text(i)}\", \"payload\": {{\"n\": {i}}}}}"));
            var embedder = fixture.Embedder.Endpoint.Replace("http://", string.Empty, StringComparison.Ordinal);

            var create = await VsctlAsync("collections", "create", name, "--embedder", embedder, "--text-field", "body");
            var import = await VsctlAsync("import", name, file, "--batch", "16");
            var upsert = await VsctlAsync("upsert", name, "--id", "99", "--text", Text(99));
            var search = await VsctlAsync("--json", "search", name, "--text", Text(33), "--k", "2", "--with-payload");
            var single = await VsctlAsync("--json", "search", name, "--text", Text(99), "--k", "1");
            var missing = await VsctlAsync("upsert", name, "--id", "1");

            Assert.Equal(0, create.ExitCode);
            Assert.Matches($@"embedder\s+{fixture.Embedder.Endpoint}", create.Output);
            Assert.Matches(@"dimension\s+128\s", create.Output);
            Assert.Matches(@"text field\s+body\s", create.Output);
            Assert.Equal(0, import.ExitCode);
            Assert.Contains($"imported 40 points into {name}", import.Output, StringComparison.Ordinal);
            Assert.Equal(0, upsert.ExitCode);
            using var json = JsonDocument.Parse(search.Output);
            var top = json.RootElement.GetProperty("results")[0].GetProperty("points")[0];
            Assert.Equal("33", top.GetProperty("id").GetProperty("num").GetString());
            Assert.Equal(Text(33), top.GetProperty("payload").GetProperty("body").GetProperty("stringValue").GetString());
            using var json99 = JsonDocument.Parse(single.Output);
            Assert.Equal("99", json99.RootElement.GetProperty("results")[0].GetProperty("points")[0].GetProperty("id").GetProperty("num").GetString());
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("upsert needs exactly one of --vector 1,2,3 or --text TEXT", missing.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Distinct three-word texts from the test vocabulary (w5..w999), the same for the same i.</summary>
    private static string Text(int i) => $"w{5 + i} w{5 + (i * 37 % 990)} w{5 + (i * 101 % 990)}";

    private static Point TextPoint(ulong id, string text) => new() { Id = new PointId { Num = id }, Text = text };

    private static UpsertPointsRequest Upsert(string name, IEnumerable<int> ids)
    {
        var request = new UpsertPointsRequest { Collection = name };
        request.Points.AddRange(ids.Select(i => TextPoint((ulong)i, Text(i))));
        return request;
    }

    private static SearchPointsRequest TextSearch(string name, string text) =>
        new() { Collection = name, Limit = 5, WithPayload = true, Queries = { new QueryVector { Text = text } } };

    private static CreateCollectionRequest CreateRequest(string name, string endpoint, string textField = "") => new()
    {
        Name = name,
        Distance = Distance.Cosine,
        Embedder = new EmbedderBinding { Endpoint = endpoint, TextField = textField },
    };

    private Task<CollectionInfo> CreateAsync(string name, string endpoint) => Node.Collections.CreateAsync(CreateRequest(name, endpoint));

    private async Task AssertAbsentAsync(string name) =>
        Assert.DoesNotContain((await Node.Collections.ListAsync()).Collections, c => c.Name == name);

    private Task<(int ExitCode, string Output, string Error)> VsctlAsync(params string[] args) =>
        ChildProcess.RunAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "vsctl.dll"), "--addr", Node.GrpcAddress, .. args], TimeSpan.FromSeconds(60));

    /// <summary>A loopback port nothing listens on: bound by the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
