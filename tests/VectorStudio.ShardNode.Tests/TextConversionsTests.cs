// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Payload;
using VectorStudio.Rpc;
using VectorStudio.ShardNode.Embedding;
using VectorStudio.ShardNode.Services;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Tests;

/// <summary>Endpoint parsing, binding and text conversions, and the embedder error mapping (no sockets).</summary>
public class TextConversionsTests
{
    [Theory]
    [InlineData("embedder:7070", "http://embedder:7070")]
    [InlineData("http://10.0.0.5:7070/", "http://10.0.0.5:7070")]
    [InlineData(" 127.0.0.1:1 ", "http://127.0.0.1:1")]
    [InlineData("[::1]:7070", "http://[::1]:7070")]
    public void Normalize_Should_ReturnAnHttpAddress_When_GivenHostAndPort(string endpoint, string expected) =>
        Assert.Equal(expected, EmbedderEndpoint.Normalize(endpoint));

    [Theory]
    [InlineData("")]
    [InlineData("embedder")]
    [InlineData("https://embedder:7070")]
    [InlineData("http://embedder:7070/v1")]
    [InlineData("http://user@embedder:7070")]
    public void Normalize_Should_FailInvalid_When_TheEndpointIsNotHostAndPort(string endpoint)
    {
        var e = Assert.Throws<RpcException>(() => EmbedderEndpoint.Normalize(endpoint));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("accepted: host:port or http://host:port", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEngine_Should_FillDefaults_When_TheBindingLeavesThemEmpty()
    {
        var binding = EmbedderConversions.ToEngine(new V1.EmbedderBinding { Endpoint = "e:1" });
        var back = EmbedderConversions.ToContract(binding);

        Assert.Equal(new EmbedderBinding("http://e:1", string.Empty, "text", StoreText: true), binding);
        Assert.Equal(new V1.EmbedderBinding { Endpoint = "http://e:1", TextField = "text" }, back);
        Assert.Null(EmbedderConversions.ToEngine(null));
    }

    [Fact]
    public void HasText_Should_RefuseThePoint_When_ItHasBothVectorAndText()
    {
        var both = new V1.Point { Text = "hello", Vector = { 1f } };

        var e = Assert.Throws<RpcException>(() => EmbedderConversions.HasText(both, 4));

        Assert.Contains("point 4 has both a vector and text", e.Status.Detail, StringComparison.Ordinal);
        Assert.True(EmbedderConversions.HasText(new V1.Point { Text = "hello" }, 0));
        Assert.False(EmbedderConversions.HasText(new V1.Point { Vector = { 1f } }, 0));
        Assert.True(EmbedderConversions.HasText(new V1.QueryVector { Text = "q" }, 0));
    }

    [Fact]
    public void WithText_Should_AddTheTextUnderTheField_When_TheBindingStoresText()
    {
        var binding = new EmbedderBinding("http://e:1", TextField: "body");
        var payload = new Dictionary<string, PayloadValue> { ["n"] = PayloadValue.FromInteger(1) };

        var result = EmbedderConversions.WithText(payload, binding, "hello", 0)!;
        var same = EmbedderConversions.WithText(result, binding, "hello", 0);
        var skipped = EmbedderConversions.WithText(payload, binding with { StoreText = false }, "hello", 0);
        var e = Assert.Throws<RpcException>(() => EmbedderConversions.WithText(result, binding, "other", 2));

        Assert.Equal(PayloadValue.FromString("hello"), result["body"]);
        Assert.Equal(PayloadValue.FromInteger(1), result["n"]);
        Assert.False(payload.ContainsKey("body"));
        Assert.Same(result, same);
        Assert.Same(payload, skipped);
        Assert.Contains("point 2: payload field \"body\" holds another value", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Should_NameThePoint_When_TheEmbedderRefusesOneText()
    {
        var refused = new RpcException(StatusCode.InvalidArgument, "texts[1] is empty or only whitespace; every text needs one");

        var e = EmbedderErrors.Map(refused, "http://e:1", "c", "point", [10, 12, 14]);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal(
            "point 12: the embedder at http://e:1 refused its text: the text is empty or only whitespace; every text needs one",
            e.Status.Detail);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, StatusCode.Unavailable, "the embedder at http://e:1 (collection \"c\") is unreachable")]
    [InlineData(StatusCode.ResourceExhausted, StatusCode.ResourceExhausted, "the embedder at http://e:1 is overloaded")]
    [InlineData(StatusCode.DeadlineExceeded, StatusCode.DeadlineExceeded, "the deadline passed while the embedder at http://e:1")]
    [InlineData(StatusCode.Unimplemented, StatusCode.FailedPrecondition, "http://e:1 does not serve vectorstudio.v1.Embedder")]
    [InlineData(StatusCode.InvalidArgument, StatusCode.InvalidArgument, "refused the texts (points 3..5)")]
    [InlineData(StatusCode.Internal, StatusCode.Internal, "the embedder at http://e:1 failed")]
    public void Map_Should_KeepTheMeaningAndNameTheEndpoint_When_TheEmbedderFails(StatusCode from, StatusCode to, string message)
    {
        var e = EmbedderErrors.Map(new RpcException(from, "why"), "http://e:1", "c", "point", [3, 4, 5]);

        Assert.Equal(to, e.StatusCode);
        Assert.Contains(message, e.Status.Detail, StringComparison.Ordinal);
        // The embedder's own reason is kept.
        Assert.Contains("why", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Should_KeepTheRetryAfterTrailer_When_TheEmbedderIsOverloaded()
    {
        var overloaded = new RpcException(new Status(StatusCode.ResourceExhausted, "full"), new Metadata().Add("retry-after-ms", "100"));

        var e = EmbedderErrors.Map(overloaded, "http://e:1", "c", "point", [0]);

        Assert.Equal("100", e.Trailers.GetValue("retry-after-ms"));
    }
}
