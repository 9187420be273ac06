// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Client;
using VectorStudio.Embedder.Tests.Runtime;
using VectorStudio.EmbedderNode.ModelSource;
using VectorStudio.EmbedderNode.Tests.ModelSource;
using VectorStudio.Rpc;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>EmbedderAdmin.LoadModel with a uri, over real gRPC, fetching from a real HTTP server on loopback.</summary>
[Collection(EmbedderNodeCollection.Name)]
public sealed class EmbedderAdminUriIntegrationTests(EmbedderNodeFixture fixture) : ModelServerTestBase
{
    [TorchFact]
    public async Task LoadModel_Should_FetchAndSwap_When_GivenAUri()
    {
        await using var node = await StartAsync();
        var uri = Server.Serve("tokens.tar.gz", TestArchives.TarGzOf(fixture.Models.PathOf("tokens-torchscript")));

        var info = await node.Client.LoadModelFromUriAsync(uri);
        var response = await node.Client.EmbedAsync(["after the swap"]);

        Assert.Equal("tiny-tokens", info.Name);
        Assert.Equal((ulong)2, info.Generation);
        Assert.Equal("tiny-tokens", response.Model.Name);
        // tokens-torchscript normalises its vectors: unit length within float rounding.
        var norm = Math.Sqrt(response.Embeddings[0].Values.Sum(v => (double)v * v));
        Assert.InRange(norm, 1 - 1e-4, 1 + 1e-4);
    }

    [TorchFact]
    public async Task LoadModel_Should_KeepTheCurrentModelWithTheRightStatus_When_TheUriFails()
    {
        await using var node = await StartAsync();
        var archive = TestArchives.TarGz(TestArchives.FakePackage());
        var pinned = Server.Serve("pinned.tar.gz", archive) + "#sha256=" + new string('b', 64);

        var notFound = await Assert.ThrowsAsync<RpcException>(() => node.Client.LoadModelFromUriAsync(Server.UriOf("none.tar.gz")));
        var mismatch = await Assert.ThrowsAsync<RpcException>(() => node.Client.LoadModelFromUriAsync(pinned));
        var badUri = await Assert.ThrowsAsync<RpcException>(() => node.Client.LoadModelFromUriAsync("s3://bucket/model.tar.gz"));
        var both = await Assert.ThrowsAsync<RpcException>(() => node.Channel.UnaryAsync(
            VectorStudioMethods.LoadModel,
            new Contracts.V1.LoadModelRequest { PackagePath = fixture.Models.PathOf("tokens-torchscript"), Uri = Server.UriOf("x.tar.gz") },
            default));
        // A fake package downloads and unpacks fine but is not a loadable model.
        var notAModel = await Assert.ThrowsAsync<RpcException>(() => node.Client.LoadModelFromUriAsync(Server.UriOf("pinned.tar.gz")));

        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("HTTP 404 (Not Found)", notFound.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, mismatch.StatusCode);
        Assert.Contains("SHA-256 mismatch", mismatch.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badUri.StatusCode);
        Assert.Contains("is not a model URI", badUri.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, both.StatusCode);
        Assert.Equal("package_path and uri are both set; give exactly one", both.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, notAModel.StatusCode);
        Assert.Contains("cannot load the model package at", notAModel.Status.Detail, StringComparison.Ordinal);
        var info = await node.Client.GetModelInfoAsync();
        Assert.Equal(("tiny-pooled", (ulong)1), (info.Name, info.Generation));
        Assert.Single((await node.Client.EmbedAsync(["still serving"])).Embeddings);
    }

    private Task<EmbedderNodeFixture.RunningNode> StartAsync() =>
        fixture.StartAsync("pooled-torchscript", o => o with
        {
            // 3 quick attempts: the failures here are final (4xx, digest) and never retried anyway.
            Fetch = new ModelFetchSettings(Cache, ModelFetchSettings.DefaultMaxBytes, 3, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30)),
        });
}
