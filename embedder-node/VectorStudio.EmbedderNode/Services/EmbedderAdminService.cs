// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Client;
using VectorStudio.Embedder;
using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.EmbedderNode.Metrics;
using VectorStudio.Rpc;
using VectorStudio.Rpc.Server;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.EmbedderNode.Services;

/// <summary>
/// <c>vectorstudio.v1.EmbedderAdmin</c>: swaps the served model at run time. Any failure leaves the
/// current model in place.
/// </summary>
public sealed class EmbedderAdminService(
    ModelSlot slot,
    Func<string, string, IEmbeddingPipeline> load,
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
        if (string.IsNullOrWhiteSpace(request.PackagePath))
        {
            throw EmbedderStatusMapping.Invalid("package_path is empty; give the model package directory as the node sees it");
        }

        if (!Directory.Exists(request.PackagePath))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no model package directory at {request.PackagePath} on this node"));
        }

        var device = request.Device.Length == 0 ? defaultDevice : request.Device;
        if (!EmbedderOptions.IsValidDevice(device))
        {
            throw EmbedderStatusMapping.Invalid($"device '{device}' is not a device; use auto, cpu, cuda or cuda:N");
        }

        try
        {
            var (info, generation) = await slot.SwapAsync(() => load(request.PackagePath, device), context.CancellationToken);
            metrics.ModelLoads.Add(1, new KeyValuePair<string, object?>("outcome", "ok"));
            logger.LogInformation(
                "model swapped: {Model} ({Backend}, {Dimension} dims, {Device}) from {Path}, generation {Generation}",
                info.Name, info.Backend, info.Dimension, info.Device, request.PackagePath, generation);
            return EmbedderConversions.ToContract(info, generation);
        }
        catch (Exception e) when (e is not OperationCanceledException and not RpcException)
        {
            metrics.ModelLoads.Add(1, new KeyValuePair<string, object?>("outcome", "error"));
            logger.LogWarning("model load from {Path} failed, the current model stays: {Message}", request.PackagePath, e.Message);
            throw EmbedderStatusMapping.Invalid($"cannot load the model package at {request.PackagePath}: {e.Message}");
        }
    }
}
