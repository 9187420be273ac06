// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net.Http.Headers;
using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Client;

/// <summary>
/// Writes: create, replace (PUT with the object's resourceVersion as the precondition), JSON merge
/// patch (RFC 7386), server-side apply, delete, and the <c>/status</c> subresource variants.
/// </summary>
public sealed partial class KubeApiClient
{
    private static readonly MediaTypeHeaderValue MergePatchType = new("application/merge-patch+json");

    // Server-side apply takes YAML; JSON is YAML, so the body is the object's JSON.
    private static readonly MediaTypeHeaderValue ApplyPatchType = new("application/apply-patch+yaml");

    /// <summary>POST a new object; 409 <see cref="KubeErrorKind.AlreadyExists"/> when the name is taken.</summary>
    public Task<T> CreateAsync<T>(ResourceType type, string? ns, T obj, CancellationToken ct = default)
        where T : class
    {
        FillTypeMeta(type, obj);
        return SendAsync<T>(HttpMethod.Post, PathOf(type, ItemNamespace(type, ns)), Body(Serialize(obj), JsonType), ct);
    }

    /// <summary>
    /// PUT the whole object. Its <c>metadata.resourceVersion</c> must be the stored one, else 409
    /// <see cref="KubeErrorKind.Conflict"/> (see <see cref="ConflictRetry"/>). Status is ignored by
    /// servers that have a status subresource.
    /// </summary>
    public Task<T> ReplaceAsync<T>(ResourceType type, string? ns, string name, T obj, CancellationToken ct = default)
        where T : class
    {
        FillTypeMeta(type, obj);
        return SendAsync<T>(HttpMethod.Put, PathOf(type, ItemNamespace(type, ns), name), Body(Serialize(obj), JsonType), ct);
    }

    /// <summary>PUT the <c>/status</c> subresource: only status changes; resourceVersion is a precondition.</summary>
    public Task<T> ReplaceStatusAsync<T>(ResourceType type, string? ns, string name, T obj, CancellationToken ct = default)
        where T : class
    {
        FillTypeMeta(type, obj);
        var path = PathOf(type, ItemNamespace(type, ns), name, "status");
        return SendAsync<T>(HttpMethod.Put, path, Body(Serialize(obj), JsonType), ct);
    }

    /// <summary>
    /// JSON merge patch (RFC 7386): fields in <paramref name="patch"/> replace, nulls remove, objects
    /// merge, lists replace. Put <c>metadata.resourceVersion</c> in the patch to make it conditional.
    /// </summary>
    public Task<T> PatchAsync<T>(ResourceType type, string? ns, string name, object patch, CancellationToken ct = default)
        where T : class =>
        SendAsync<T>(HttpMethod.Patch, PathOf(type, ItemNamespace(type, ns), name), Body(Serialize(patch), MergePatchType), ct);

    /// <summary>JSON merge patch of the <c>/status</c> subresource.</summary>
    public Task<T> PatchStatusAsync<T>(ResourceType type, string? ns, string name, object patch, CancellationToken ct = default)
        where T : class
    {
        var path = PathOf(type, ItemNamespace(type, ns), name, "status");
        return SendAsync<T>(HttpMethod.Patch, path, Body(Serialize(patch), MergePatchType), ct);
    }

    /// <summary>
    /// Server-side apply: the server merges the fields of <paramref name="obj"/> under
    /// <paramref name="fieldManager"/>, creating the object if absent. <paramref name="force"/> takes
    /// fields another manager owns (controllers normally force; without it such fields give 409).
    /// </summary>
    public Task<T> ApplyAsync<T>(ResourceType type, string? ns, string name, T obj, string fieldManager, bool force = true,
        CancellationToken ct = default)
        where T : class =>
        ApplyCoreAsync(type, ns, name, null, obj, fieldManager, force, ct);

    /// <summary>Server-side apply of the <c>/status</c> subresource.</summary>
    public Task<T> ApplyStatusAsync<T>(ResourceType type, string? ns, string name, T obj, string fieldManager,
        bool force = true, CancellationToken ct = default)
        where T : class =>
        ApplyCoreAsync(type, ns, name, "status", obj, fieldManager, force, ct);

    /// <summary>
    /// DELETE; returns false when the object did not exist. <paramref name="resourceVersion"/>, when
    /// given, is a precondition (409 when the object changed since).
    /// </summary>
    public async Task<bool> DeleteAsync(ResourceType type, string? ns, string name,
        PropagationPolicy propagation = PropagationPolicy.Background, string? resourceVersion = null,
        CancellationToken ct = default)
    {
        var options = new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "DeleteOptions",
            ["propagationPolicy"] = propagation.ToString(),
        };
        if (resourceVersion is not null)
        {
            options["preconditions"] = new Dictionary<string, string> { ["resourceVersion"] = resourceVersion };
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var path = PathOf(type, ItemNamespace(type, ns), name);
        try
        {
            using var response = await SendRawAsync(HttpMethod.Delete, path, Body(Serialize(options), JsonType),
                streaming: false, cts, ct).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    private Task<T> ApplyCoreAsync<T>(ResourceType type, string? ns, string name, string? subresource, T obj,
        string fieldManager, bool force, CancellationToken ct)
        where T : class
    {
        FillTypeMeta(type, obj);
        var path = PathOf(type, ItemNamespace(type, ns), name, subresource)
            + Query(("fieldManager", fieldManager), ("force", force ? "true" : null));
        return SendAsync<T>(HttpMethod.Patch, path, Body(Serialize(obj), ApplyPatchType), ct);
    }

    private static void FillTypeMeta<T>(ResourceType type, T obj)
    {
        if (obj is IKubernetesObject k)
        {
            if (string.IsNullOrEmpty(k.ApiVersion))
            {
                k.ApiVersion = type.ApiVersion;
            }

            if (string.IsNullOrEmpty(k.Kind))
            {
                k.Kind = type.Kind;
            }
        }
    }
}
