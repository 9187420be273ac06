// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;
using VectorStudio.Embedder.Tests.Runtime;
using VectorStudio.Embedder.Tokenization;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Client;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>The Embedder service over real gRPC, on the TorchScript test model.</summary>
[Collection(EmbedderNodeCollection.Name)]
public sealed class EmbedderServiceIntegrationTests(EmbedderNodeFixture fixture)
{
    private const string Package = "pooled-torchscript";

    [TorchFact]
    public async Task Embed_Should_MatchTheBackendOnTheTokenizersIds_When_CalledOverGrpc()
    {
        await using var node = await fixture.StartAsync(Package);
        string[] texts = ["the quick brown fox", "Héllo, wörld! 東京", "a"];

        var response = await node.Client.EmbedAsync(texts);

        // The reference: the same tokenizer and backend, called directly with one text per batch.
        var package = ModelPackage.Load(fixture.Models.PathOf(Package));
        var tokenizer = BertTokenizer.FromVocabFile(package.TokenizerPath, maxLength: package.MaxSequenceLength);
        using var backend = EmbeddingBackends.Load(package, new EmbeddingBackendOptions { Device = "cpu" });
        Assert.Equal(texts.Length, response.Embeddings.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var ids = tokenizer.Encode(texts[i]);
            var expected = backend.Embed(ids.Select(id => (long)id).ToArray(), Enumerable.Repeat(1L, ids.Length).ToArray(), 1, ids.Length);
            Assert.Equal((uint)ids.Length, response.Embeddings[i].TokenCount);
            Assert.False(response.Embeddings[i].Truncated);
            // 1e-5: padding a short text next to longer ones must not change its vector beyond float noise.
            AssertClose(expected, [.. response.Embeddings[i].Values], 1e-5);
        }

        Assert.Equal(package.Name, response.Model.Name);
        Assert.Equal((ulong)1, response.Model.Generation);
    }

    [TorchFact]
    public async Task Embed_Should_FlagTruncation_When_TextIsLongerThanTheModel()
    {
        await using var node = await fixture.StartAsync(Package);
        var info = await node.Client.GetModelInfoAsync();
        var longText = string.Join(' ', Enumerable.Repeat("word", (int)info.MaxSequenceLength * 2));

        var response = await node.Client.EmbedAsync([longText, "short"]);

        Assert.True(response.Embeddings[0].Truncated);
        Assert.Equal(info.MaxSequenceLength, response.Embeddings[0].TokenCount);
        Assert.False(response.Embeddings[1].Truncated);
        Assert.Equal((int)info.Dimension, response.Embeddings[0].Values.Count);
    }

    [TorchFact]
    public async Task Embed_Should_RejectWithTheReason_When_RequestIsBad()
    {
        await using var node = await fixture.StartAsync(Package, o => o with { MaxTextsPerRequest = 4 });

        var empty = await Assert.ThrowsAsync<RpcException>(() => node.Client.EmbedAsync([]));
        var blank = await Assert.ThrowsAsync<RpcException>(() => node.Client.EmbedAsync(["ok", "  "]));
        var many = await Assert.ThrowsAsync<RpcException>(() => node.Client.EmbedAsync(Enumerable.Repeat("x", 5)));
        var badUtf8 = await Assert.ThrowsAsync<RpcException>(() => node.Client.EmbedAsync(["a\uFFFDb"]));

        Assert.All([empty, blank, many, badUtf8], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal("texts is empty; send 1 to 4 texts", empty.Status.Detail);
        Assert.StartsWith("texts[1] is empty", blank.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("at most 4", many.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", badUtf8.Status.Detail, StringComparison.Ordinal);
        // The node still serves after every rejection.
        Assert.Single((await node.Client.EmbedAsync(["fine"])).Embeddings);
    }

    [TorchFact]
    public async Task Embed_Should_ShareBatches_When_ManySingleTextRequestsRunConcurrently()
    {
        await using var node = await fixture.StartAsync(Package, o => o with { MaxBatchSize = 32, MaxBatchWait = TimeSpan.FromMilliseconds(20) });
        var texts = Enumerable.Range(0, 64).Select(i => $"sentence number {i} about vectors").ToArray();

        var responses = await Task.WhenAll(texts.Select(t => node.Client.EmbedAsync([t])));

        Assert.All(responses, r => Assert.Single(r.Embeddings));
        using var http = new HttpClient { BaseAddress = node.HttpAddress };
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        // 64 texts ran in fewer than 64 model calls: the batch-size histogram counts the calls.
        var batches = MetricValue(metrics, "vdb_embedding_batch_size_count");
        var items = MetricValue(metrics, "vdb_embedding_batch_size_sum");
        Assert.Equal(64, items);
        Assert.True(batches < 64, $"expected shared batches, saw {batches} model calls for 64 texts");
        Assert.Contains("vdb_embedding_latency_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("vdb_model_info{", metrics, StringComparison.Ordinal);
    }

    [TorchFact]
    public async Task Embed_Should_FailWithResourceExhausted_When_TheQueueIsFull()
    {
        await using var node = await fixture.StartAsync(Package, o => o with { QueueCapacity = 1, MaxBatchSize = 1, MaxBatchWait = TimeSpan.Zero });

        var calls = Enumerable.Range(0, 200).Select(i => node.Client.EmbedAsync([$"text {i} " + new string('x', 200)])).ToList();
        var outcomes = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                await c;
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                Assert.Contains("queue is full", e.Status.Detail, StringComparison.Ordinal);
                Assert.Equal("100", e.Trailers.GetValue("retry-after-ms"));
                return e.StatusCode;
            }
        }));

        // A queue of one behind a batch of one cannot absorb 200 calls at once; those it turns away get
        // RESOURCE_EXHAUSTED (never another error), and those it takes are served.
        Assert.Contains(StatusCode.ResourceExhausted, outcomes);
        Assert.Contains(StatusCode.OK, outcomes);
        Assert.All(outcomes, o => Assert.True(o is StatusCode.OK or StatusCode.ResourceExhausted, o.ToString()));
    }

    [TorchFact]
    public async Task Embed_Should_FailWithDeadlineExceeded_When_TheDeadlineHasPassed()
    {
        await using var node = await fixture.StartAsync(Package);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            node.Client.EmbedAsync(["late"], new CallOptions(Timeout: TimeSpan.FromTicks(1))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"largest difference {worst} exceeds {tolerance}");
    }

    private static double MetricValue(string exposition, string name)
    {
        var line = exposition.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
