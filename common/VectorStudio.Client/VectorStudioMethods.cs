// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc;

namespace VectorStudio.Client;

/// <summary>The methods of the public services, checked against the .proto once at start-up.</summary>
public static class VectorStudioMethods
{
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor CollectionsService =
        CollectionsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Collections");

    public static readonly Google.Protobuf.Reflection.ServiceDescriptor PointsService =
        PointsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Points");

    public static readonly Google.Protobuf.Reflection.ServiceDescriptor EmbedderService =
        EmbedderReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Embedder");

    public static readonly Google.Protobuf.Reflection.ServiceDescriptor EmbedderAdminService =
        EmbedderAdminReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("EmbedderAdmin");

    public static readonly Google.Protobuf.Reflection.ServiceDescriptor SnapshotsService =
        SnapshotsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Snapshots");

    public static readonly Method<CreateCollectionRequest, CollectionInfo> CreateCollection =
        Method<CreateCollectionRequest, CollectionInfo>.Create(CollectionsService, "Create");

    public static readonly Method<GetCollectionRequest, CollectionInfo> GetCollection =
        Method<GetCollectionRequest, CollectionInfo>.Create(CollectionsService, "Get");

    public static readonly Method<ListCollectionsRequest, ListCollectionsResponse> ListCollections =
        Method<ListCollectionsRequest, ListCollectionsResponse>.Create(CollectionsService, "List");

    public static readonly Method<DeleteCollectionRequest, DeleteCollectionResponse> DeleteCollection =
        Method<DeleteCollectionRequest, DeleteCollectionResponse>.Create(CollectionsService, "Delete");

    public static readonly Method<UpsertPointsRequest, UpsertPointsResponse> Upsert =
        Method<UpsertPointsRequest, UpsertPointsResponse>.Create(PointsService, "Upsert");

    public static readonly Method<UpsertPointsRequest, UpsertPointsResponse> UpsertStream =
        Method<UpsertPointsRequest, UpsertPointsResponse>.Create(PointsService, "UpsertStream");

    public static readonly Method<GetPointsRequest, GetPointsResponse> GetPoints =
        Method<GetPointsRequest, GetPointsResponse>.Create(PointsService, "Get");

    public static readonly Method<DeletePointsRequest, DeletePointsResponse> DeletePoints =
        Method<DeletePointsRequest, DeletePointsResponse>.Create(PointsService, "Delete");

    public static readonly Method<CountPointsRequest, CountPointsResponse> Count =
        Method<CountPointsRequest, CountPointsResponse>.Create(PointsService, "Count");

    public static readonly Method<ScrollPointsRequest, ScrollPointsResponse> Scroll =
        Method<ScrollPointsRequest, ScrollPointsResponse>.Create(PointsService, "Scroll");

    public static readonly Method<SearchPointsRequest, SearchPointsResponse> Search =
        Method<SearchPointsRequest, SearchPointsResponse>.Create(PointsService, "Search");

    public static readonly Method<EmbedRequest, EmbedResponse> Embed =
        Method<EmbedRequest, EmbedResponse>.Create(EmbedderService, "Embed");

    public static readonly Method<GetModelInfoRequest, ModelInfo> GetModelInfo =
        Method<GetModelInfoRequest, ModelInfo>.Create(EmbedderService, "GetModelInfo");

    public static readonly Method<LoadModelRequest, ModelInfo> LoadModel =
        Method<LoadModelRequest, ModelInfo>.Create(EmbedderAdminService, "LoadModel");

    public static readonly Method<CreateSnapshotRequest, SnapshotDescription> CreateSnapshot =
        Method<CreateSnapshotRequest, SnapshotDescription>.Create(SnapshotsService, "Create");

    public static readonly Method<ListSnapshotsRequest, ListSnapshotsResponse> ListSnapshots =
        Method<ListSnapshotsRequest, ListSnapshotsResponse>.Create(SnapshotsService, "List");

    public static readonly Method<DownloadSnapshotRequest, SnapshotChunk> DownloadSnapshot =
        Method<DownloadSnapshotRequest, SnapshotChunk>.Create(SnapshotsService, "Download");

    public static readonly Method<RestoreSnapshotChunk, CollectionInfo> RestoreSnapshot =
        Method<RestoreSnapshotChunk, CollectionInfo>.Create(SnapshotsService, "Restore");
}
