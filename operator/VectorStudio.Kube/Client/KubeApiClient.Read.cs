// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Client;

/// <summary>Reads: get, list (one page or all pages), and the status subresource.</summary>
public sealed partial class KubeApiClient
{
    /// <summary>GET one object; throws <see cref="KubeApiException"/> with <see cref="KubeErrorKind.NotFound"/> when absent.</summary>
    public Task<T> GetAsync<T>(ResourceType type, string? ns, string name, CancellationToken ct = default)
        where T : class =>
        SendAsync<T>(HttpMethod.Get, PathOf(type, ItemNamespace(type, ns), name), null, ct);

    /// <summary>GET one object, or null when it does not exist.</summary>
    public async Task<T?> GetOrNullAsync<T>(ResourceType type, string? ns, string name, CancellationToken ct = default)
        where T : class
    {
        try
        {
            return await GetAsync<T>(type, ns, name, ct).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>GET the <c>/status</c> subresource (the whole object, as the server returns it).</summary>
    public Task<T> GetStatusAsync<T>(ResourceType type, string? ns, string name, CancellationToken ct = default)
        where T : class =>
        SendAsync<T>(HttpMethod.Get, PathOf(type, ItemNamespace(type, ns), name, "status"), null, ct);

    /// <summary>One page of a list; <paramref name="ns"/> null lists all namespaces.</summary>
    public Task<KubernetesList<T>> ListAsync<T>(ResourceType type, string? ns, ListOptions? options = null,
        CancellationToken ct = default)
        where T : class
    {
        options ??= new ListOptions();
        var query = Query(
            ("labelSelector", options.LabelSelector),
            ("fieldSelector", options.FieldSelector),
            ("limit", options.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("continue", options.Continue));
        return SendAsync<KubernetesList<T>>(HttpMethod.Get, PathOf(type, ns) + query, null, ct);
    }

    /// <summary>
    /// Every page of a list, following continue tokens. The result's resourceVersion is the first
    /// page's, which is the snapshot every later page belongs to, so a watch resumes from it.
    /// </summary>
    public async Task<KubernetesList<T>> ListAllAsync<T>(ResourceType type, string? ns, ListOptions? options = null,
        CancellationToken ct = default)
        where T : class
    {
        options ??= new ListOptions();
        var first = await ListAsync<T>(type, ns, options, ct).ConfigureAwait(false);
        var next = first.Metadata.Continue;
        while (!string.IsNullOrEmpty(next))
        {
            var page = await ListAsync<T>(type, ns, options with { Continue = next }, ct).ConfigureAwait(false);
            first.Items.AddRange(page.Items);
            next = page.Metadata.Continue;
        }

        first.Metadata.Continue = null;
        first.Metadata.RemainingItemCount = null;
        return first;
    }
}
