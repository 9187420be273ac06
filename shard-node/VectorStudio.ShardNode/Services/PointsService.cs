// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using VectorStudio.Client;
using VectorStudio.Engine;
using VectorStudio.Engine.Collections;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;
using VectorStudio.ShardNode.Embedding;
using VectorStudio.ShardNode.Metrics;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary>
/// <c>vectorstudio.v1.Points</c>: validate, map, call the engine, map back. Text in points and queries is
/// embedded first (<see cref="TextEmbedder"/>), so the engine and its log only ever see vectors.
/// </summary>
public sealed partial class PointsService(VectorDatabase database, NodeMetrics metrics, TextEmbedder embedder)
{
    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(VectorStudioMethods.PointsService)
            .AddUnary<V1.UpsertPointsRequest, V1.UpsertPointsResponse>("Upsert", UpsertAsync)
            .AddClientStreaming<V1.UpsertPointsRequest, V1.UpsertPointsResponse>("UpsertStream", UpsertStreamAsync)
            .AddUnary<V1.GetPointsRequest, V1.GetPointsResponse>("Get", GetAsync)
            .AddUnary<V1.DeletePointsRequest, V1.DeletePointsResponse>("Delete", DeleteAsync)
            .AddUnary<V1.CountPointsRequest, V1.CountPointsResponse>("Count", CountAsync)
            .AddServerStreaming<V1.ScrollPointsRequest, V1.ScrollPointsResponse>("Scroll", ScrollAsync)
            .AddUnary<V1.SearchPointsRequest, V1.SearchPointsResponse>("Search", SearchAsync)
            .Build();

    private async Task<V1.UpsertPointsResponse> UpsertAsync(V1.UpsertPointsRequest request, ServerCallContext context) =>
        new() { Upserted = (ulong)await StoreAsync(request, context) };

    private async Task<V1.UpsertPointsResponse> UpsertStreamAsync(
        IAsyncStreamReader<V1.UpsertPointsRequest> requests,
        ServerCallContext context)
    {
        var total = new V1.UpsertPointsResponse();
        var batch = 0;
        while (await requests.MoveNextAsync(context.CancellationToken))
        {
            try
            {
                total.Upserted += (ulong)await StoreAsync(requests.Current, context);
            }
            catch (RpcException e)
            {
                // Earlier batches stay stored (as the contract says); the status names the batch that failed.
                throw new RpcException(
                    new Status(e.StatusCode, $"batch {batch} (after {total.Upserted} points were stored): {e.Status.Detail}"),
                    e.Trailers);
            }

            batch++;
        }

        return total;
    }

    /// <summary>Stores a batch; completes once it is durable under its collection's fsync policy.</summary>
    private async Task<int> StoreAsync(V1.UpsertPointsRequest request, ServerCallContext context)
    {
        var points = new PointStruct[request.Points.Count];
        List<int>? texts = null;
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = PointConversions.ToEngine(request.Points[i], i);
            if (EmbedderConversions.HasText(request.Points[i], i))
            {
                (texts ??= []).Add(i);
            }
        }

        if (texts is not null)
        {
            await EmbedPointsAsync(request, points, texts, context);
        }

        var written = await StatusMapping.RunAsync(context, () =>
        {
            var collection = database.GetCollection(request.Collection);
            context.CancellationToken.ThrowIfCancellationRequested();
            return collection.UpsertDurableAsync(points);
        });
        metrics.PointsWritten.Add(written, new KeyValuePair<string, object?>("collection", request.Collection));
        return written;
    }

    private Task<V1.GetPointsResponse> GetAsync(V1.GetPointsRequest request, ServerCallContext context)
    {
        var ids = request.Ids.Select((id, i) => PointConversions.ToEngine(id, $"ids[{i}]")).ToArray();
        var points = StatusMapping.Run(context, () =>
            database.GetCollection(request.Collection).Get(ids, request.WithVectors, request.WithPayload));
        return Task.FromResult(new V1.GetPointsResponse { Points = { points.Select(PointConversions.ToContract) } });
    }

    private async Task<V1.DeletePointsResponse> DeleteAsync(V1.DeletePointsRequest request, ServerCallContext context)
    {
        var deleted = await (request.SelectorCase switch
        {
            V1.DeletePointsRequest.SelectorOneofCase.Ids => DeleteIdsAsync(request, context),
            V1.DeletePointsRequest.SelectorOneofCase.Filter => FilterConversions.ToEngine(request.Filter) is { } filter
                ? StatusMapping.RunAsync(context, () => database.GetCollection(request.Collection).DeleteDurableAsync(filter))
                : throw StatusMapping.Invalid("delete by filter needs a non-empty filter; to remove every point, delete the collection"),
            V1.DeletePointsRequest.SelectorOneofCase.None => throw StatusMapping.Invalid("delete needs ids or a filter"),
            _ => throw StatusMapping.Invalid("delete has an unknown selector"),
        });
        return new V1.DeletePointsResponse { Deleted = (ulong)deleted };
    }

    private Task<int> DeleteIdsAsync(V1.DeletePointsRequest request, ServerCallContext context)
    {
        var ids = request.Ids.Ids.Select((id, i) => PointConversions.ToEngine(id, $"ids[{i}]")).ToArray();
        return StatusMapping.RunAsync(context, () => database.GetCollection(request.Collection).DeleteDurableAsync(ids));
    }

    private Task<V1.CountPointsResponse> CountAsync(V1.CountPointsRequest request, ServerCallContext context)
    {
        var filter = FilterConversions.ToEngine(request.Filter);
        var count = StatusMapping.Run(context, () => database.GetCollection(request.Collection).Count(filter));
        return Task.FromResult(new V1.CountPointsResponse { Count = (ulong)count });
    }

    private async Task ScrollAsync(
        V1.ScrollPointsRequest request,
        IServerStreamWriter<V1.ScrollPointsResponse> responses,
        ServerCallContext context)
    {
        var filter = FilterConversions.ToEngine(request.Filter);
        PointId? after = request.After is null ? null : PointConversions.ToEngine(request.After, "after");
        if (request.BatchSize > EngineLimits.MaxScrollBatch)
        {
            throw StatusMapping.Invalid($"batch_size {request.BatchSize} is over {EngineLimits.MaxScrollBatch}");
        }

        var batch = request.BatchSize == 0 ? EngineLimits.DefaultScrollBatch : (int)request.BatchSize;
        var remaining = request.Limit == 0 ? ulong.MaxValue : request.Limit;
        var collection = StatusMapping.Run(context, () => database.GetCollection(request.Collection));
        while (remaining > 0)
        {
            var take = (int)Math.Min((ulong)batch, remaining);
            var page = StatusMapping.Run(context, () => collection.Scroll(filter, after, take, request.WithVectors, request.WithPayload));
            if (page.Points.Count > 0)
            {
                await responses.WriteAsync(
                    new V1.ScrollPointsResponse { Points = { page.Points.Select(PointConversions.ToContract) } },
                    context.CancellationToken);
                remaining -= (ulong)page.Points.Count;
            }

            if (page.NextAfter is null)
            {
                break;
            }

            after = page.NextAfter;
        }
    }

    private async Task<V1.SearchPointsResponse> SearchAsync(V1.SearchPointsRequest request, ServerCallContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var queries = new ReadOnlyMemory<float>[request.Queries.Count];
        List<int>? texts = null;
        for (var i = 0; i < queries.Length; i++)
        {
            queries[i] = request.Queries[i].Vector.ToArray();
            if (EmbedderConversions.HasText(request.Queries[i], i))
            {
                (texts ??= []).Add(i);
            }
        }

        if (texts is not null)
        {
            await EmbedQueriesAsync(request, queries, texts, context);
        }

        var filter = FilterConversions.ToEngine(request.Filter);
        var parameters = request.Params is null
            ? null
            : new SearchParams((int)Math.Min(request.Params.HnswEf, int.MaxValue), request.Params.Exact);
        var results = StatusMapping.Run(context, () => database.GetCollection(request.Collection).Search(
            queries,
            (int)Math.Min(request.Limit, int.MaxValue),
            filter,
            request.HasScoreThreshold ? request.ScoreThreshold : null,
            request.WithVectors,
            request.WithPayload,
            parameters,
            context.CancellationToken));
        var response = new V1.SearchPointsResponse();
        foreach (var hits in results)
        {
            var result = new V1.SearchResult();
            foreach (var hit in hits)
            {
                result.Points.Add(PointConversions.ToContract(hit));
            }

            response.Results.Add(result);
        }

        metrics.QueryLatency.Record(
            Stopwatch.GetElapsedTime(start).TotalSeconds,
            new KeyValuePair<string, object?>("collection", request.Collection));
        return response;
    }
}
