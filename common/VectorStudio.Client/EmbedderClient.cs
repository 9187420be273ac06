// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Contracts.V1;
using VectorStudio.Rpc.Client;
using M = VectorStudio.Client.VectorStudioMethods;

namespace VectorStudio.Client;

/// <summary>
/// Calls <c>vectorstudio.v1.Embedder</c> and <c>EmbedderAdmin</c>. Failures throw
/// <see cref="Rpc.RpcException"/>.
/// </summary>
public sealed class EmbedderClient(CallInvoker invoker)
{
    public Task<EmbedResponse> EmbedAsync(IEnumerable<string> texts, CallOptions options = default)
    {
        var request = new EmbedRequest();
        request.Texts.AddRange(texts);
        return invoker.UnaryAsync(M.Embed, request, options);
    }

    public Task<ModelInfo> GetModelInfoAsync(CallOptions options = default) =>
        invoker.UnaryAsync(M.GetModelInfo, new GetModelInfoRequest(), options);

    public Task<ModelInfo> LoadModelAsync(string packagePath, string device = "", CallOptions options = default) =>
        invoker.UnaryAsync(M.LoadModel, new LoadModelRequest { PackagePath = packagePath, Device = device }, options);

    /// <summary>Has the node fetch a model package from a URI (file, http, https; optional #sha256=) and swap it in.</summary>
    public Task<ModelInfo> LoadModelFromUriAsync(string uri, string device = "", CallOptions options = default) =>
        invoker.UnaryAsync(M.LoadModel, new LoadModelRequest { Uri = uri, Device = device }, options);
}
