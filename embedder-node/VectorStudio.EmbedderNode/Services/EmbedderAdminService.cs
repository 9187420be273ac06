// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Client;
using VectorStudio.Embedder;
using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.EmbedderNode.Metrics;
using VectorStudio.EmbedderNode.ModelSource;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.EmbedderNode.Services;

/// <summary>
/// <c>vectorstudio.v1.EmbedderAdmin</c>: swaps the served model at run time, from a package folder or a
/// URI fetched through the node's <see cref="ModelFetcher"/>. Any failure leaves the current model in place.
/// </summary>
public sealed class EmbedderAdminService(
    ModelSlot slot,
    Func<string, string, IEmbeddingPipeline> load,
    ModelFetcher fetcher,
    string defaultDevice,
    EmbedderMetrics metrics,
    ILogger logger)
{
    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(VectorStudioMethods.EmbedderAdminService)
            .AddUnary<V1.LoadModelRequest, V1.ModelInfo>("LoadModel", LoadModelAsync)
            .Build();

    private async Task<V1.ModelInfo> LoadModelAsync(V1.LoadModelRequest request, ServerCallContext context)
    {
        var hasPath = !string.IsNullOrWhiteSpace(request.PackagePath);
        var hasUri = !string.IsNullOrWhiteSpace(request.Uri);
        if (hasPath == hasUri)
        {
            throw EmbedderStatusMapping.Invalid(hasPath
                ? "package_path and uri are both set; give exactly one"
                : "give package_path (the model package directory as the node sees it) or uri (" + ModelUri.Accepted + ")");
        }

        var uri = hasUri ? ModelUri.TryParse(request.Uri, null, out var uriError) ?? throw EmbedderStatusMapping.Invalid($"uri: {uriError}") : null;
        if (hasPath && !Directory.Exists(request.PackagePath))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no model package directory at {request.PackagePath} on this node"));
        }

        var device = request.Device.Length == 0 ? defaultDevice : request.Device;
        if (!EmbedderOptions.IsValidDevice(device))
        {
            throw EmbedderStatusMapping.Invalid($"device '{device}' is not a device; use auto, cpu, cuda or cuda:N");
        }

        var path = request.PackagePath;
        if (uri is not null)
        {
            try
            {
                path = await fetcher.FetchAsync(uri, context.CancellationToken);
            }
            catch (ModelFetchException e)
            {
                metrics.ModelLoads.Add(1, new KeyValuePair<string, object?>("outcome", "error"));
                logger.LogWarning("model fetch failed, the current model stays: {Message}", e.Message);
                throw new RpcException(new Status(EmbedderStatusMapping.Code(e.Kind), $"cannot fetch {e.Message}"));
            }
        }

        try
        {
            var (info, generation) = await slot.SwapAsync(() => load(path, device), context.CancellationToken);
            metrics.ModelLoads.Add(1, new KeyValuePair<string, object?>("outcome", "ok"));
            logger.LogInformation(
                "model swapped: {Model} ({Backend}, {Dimension} dims, {Device}) from {Path}, generation {Generation}",
                info.Name, info.Backend, info.Dimension, info.Device, uri?.ToString() ?? path, generation);
            return EmbedderConversions.ToContract(info, generation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not RpcException)
        {
            metrics.ModelLoads.Add(1, new KeyValuePair<string, object?>("outcome", "error"));
            logger.LogWarning("model load from {Path} failed, the current model stays: {Message}", path, e.Message);
            throw EmbedderStatusMapping.Invalid($"cannot load the model package at {path}: {e.Message}");
        }
    }
}
