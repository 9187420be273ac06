// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Client;

namespace VectorStudio.Client.Tests;

public sealed class VectorStudioMethodsTests
{
    [Fact]
    public void Methods_Should_MapToContractPathsAndShapes_When_Resolved()
    {
        Assert.Equal("/vectorstudio.v1.Collections/Create", VectorStudioMethods.CreateCollection.FullName);
        Assert.Equal("/vectorstudio.v1.Points/Search", VectorStudioMethods.Search.FullName);
        Assert.Equal(MethodType.Unary, VectorStudioMethods.Search.Type);
        Assert.Equal(MethodType.ClientStreaming, VectorStudioMethods.UpsertStream.Type);
        Assert.Equal(MethodType.ServerStreaming, VectorStudioMethods.Scroll.Type);
    }

    [Fact]
    public void Methods_Should_CoverEveryRpcOfTheContract_When_Compared()
    {
        string[] bound =
        [
            VectorStudioMethods.CreateCollection.FullName, VectorStudioMethods.GetCollection.FullName,
            VectorStudioMethods.ListCollections.FullName, VectorStudioMethods.DeleteCollection.FullName,
            VectorStudioMethods.Upsert.FullName, VectorStudioMethods.UpsertStream.FullName,
            VectorStudioMethods.GetPoints.FullName, VectorStudioMethods.DeletePoints.FullName,
            VectorStudioMethods.Count.FullName, VectorStudioMethods.Scroll.FullName, VectorStudioMethods.Search.FullName,
        ];
        var declared = new[] { VectorStudioMethods.CollectionsService, VectorStudioMethods.PointsService }
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"));

        Assert.Equal(declared.Order(StringComparer.Ordinal), bound.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Client_Should_FailUnavailableWithTheAddress_When_NoNodeListens()
    {
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
        var client = new CollectionsClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(() => client.ListAsync());

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("127.0.0.1:1", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_Should_RoundTripThroughTheWireFormat_When_Serialised()
    {
        var request = new SearchPointsRequest { Collection = "c", Limit = 3, Queries = { new QueryVector { Vector = { 1f, 2f } } } };

        var parsed = VectorStudioMethods.Search.RequestParser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(request));

        Assert.Equal(request, parsed);
    }
}
