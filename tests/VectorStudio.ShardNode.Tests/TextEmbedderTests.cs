// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Distance;
using VectorStudio.Rpc;
using VectorStudio.ShardNode.Embedding;

namespace VectorStudio.ShardNode.Tests;

/// <summary>What the text embedder decides before any call goes out, and the shared channels (no sockets).</summary>
public class TextEmbedderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EmbedAsync_Should_FailDeadlineExceeded_When_TheCallersDeadlineHasPassed()
    {
        using var connections = new EmbedderConnections();
        var embedder = new TextEmbedder(connections, new FixedTime(Now));
        var config = new CollectionConfig("c", 4, DistanceMetric.Cosine, Embedder: new EmbedderBinding("http://127.0.0.1:9"));

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            embedder.EmbedAsync(config, ["a"], [0], "point", new TestCallContext(Now.AddMilliseconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.Equal("the deadline passed before the embedder at http://127.0.0.1:9 was called", e.Status.Detail);
    }

    [Fact]
    public async Task EmbedAsync_Should_FailPreconditionNamingTheFirstText_When_TheCollectionHasNoEmbedder()
    {
        using var connections = new EmbedderConnections();
        var embedder = new TextEmbedder(connections, new FixedTime(Now));
        var config = new CollectionConfig("plain", 4, DistanceMetric.Cosine);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            embedder.EmbedAsync(config, ["a", "b"], [5, 9], "query", new TestCallContext(null)));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.StartsWith("collection \"plain\" has no embedder, so query 5 cannot be sent as text", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, connections.Count);
    }

    [Fact]
    public void Get_Should_ReuseOneClientPerEndpoint_When_CalledAgain()
    {
        using var connections = new EmbedderConnections();

        var a = connections.Get("http://a:1");
        var again = connections.Get("http://a:1");
        var b = connections.Get("http://b:1");
        connections.Release("http://a:1");
        var reopened = connections.Get("http://a:1");

        Assert.Same(a, again);
        Assert.NotSame(a, b);
        Assert.NotSame(a, reopened);
        Assert.Equal(2, connections.Count);
    }

    [Fact]
    public void Get_Should_Refuse_When_TheNodeHasStopped()
    {
        var connections = new EmbedderConnections();
        connections.Get("http://a:1");

        connections.Dispose();

        Assert.Equal(0, connections.Count);
        Assert.Throws<ObjectDisposedException>(() => connections.Get("http://a:1"));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
