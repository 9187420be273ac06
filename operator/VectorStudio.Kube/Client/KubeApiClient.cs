// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Client;

/// <summary>
/// A typed Kubernetes REST client, generic over kinds: every call takes a <see cref="ResourceType"/>
/// (which builds the URL) and (de)serialises with <see cref="KubeJson.Options"/>. Item calls on a
/// namespaced kind with a null namespace use <see cref="DefaultNamespace"/>; list and watch with a
/// null namespace span all namespaces. Failures throw <see cref="KubeApiException"/>.
/// The verbs live in KubeApiClient.Read.cs, .Write.cs and .Watch.cs.
/// </summary>
public sealed partial class KubeApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly KubeClientSettings _settings;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly string _base;

    /// <param name="settings">Server, credentials and trust.</param>
    /// <param name="logger">Request-level debug logging; null for none.</param>
    /// <param name="handler">Replaces the handler <see cref="KubeClientSettings.CreateHandler"/> builds (tests).</param>
    public KubeApiClient(KubeClientSettings settings, ILogger<KubeApiClient>? logger = null, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _logger = logger ?? (ILogger)NullLogger.Instance;

        // Timeouts are per call (RequestTimeout), because a watch legitimately runs for minutes.
        _http = new HttpClient(handler ?? settings.CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        // A server URL may carry a path prefix (API proxies do): keep it in front of every request path.
        _base = settings.Server.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The namespace item calls use when given none (from the kubeconfig context or service account).</summary>
    public string DefaultNamespace => _settings.Namespace;

    public KubeClientSettings Settings => _settings;

    public void Dispose() => _http.Dispose();

    internal static string PathOf(ResourceType type, string? ns, string? name = null, string? subresource = null)
    {
        var sb = new StringBuilder(type.ApiPrefix);
        if (type.Namespaced && ns is not null)
        {
            sb.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }

        sb.Append('/').Append(type.Plural);
        if (name is not null)
        {
            sb.Append('/').Append(Uri.EscapeDataString(name));
        }

        if (subresource is not null)
        {
            sb.Append('/').Append(subresource);
        }

        return sb.ToString();
    }

    internal string ItemNamespace(ResourceType type, string? ns) => type.Namespaced ? ns ?? DefaultNamespace : "";

    private static string Query(params (string Key, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static ByteArrayContent Body(byte[] json, MediaTypeHeaderValue type)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = type;
        return content;
    }

    private static byte[] Serialize(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), KubeJson.Options);

    private async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? body, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var response = await SendRawAsync(method, pathAndQuery, body, streaming: false, cts, ct).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cts.Token).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, KubeJson.Options)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new KubeApiException(KubeErrorKind.Other,
                $"{method} {pathAndQuery}: the server's answer is not a {typeof(T).Name}: {ex.Message}", response.StatusCode, inner: ex);
        }
    }

    /// <summary>
    /// Sends one request with the bearer token, and throws <see cref="KubeApiException"/> for a
    /// non-success status or no answer. <paramref name="cts"/> is cancelled after
    /// <see cref="KubeClientSettings.RequestTimeout"/> until the headers arrive; a streaming caller
    /// then owns its timeout.
    /// </summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, HttpContent? body,
        bool streaming, CancellationTokenSource cts, CancellationToken callerToken)
    {
        var url = new Uri(_base + pathAndQuery);
        using var request = new HttpRequestMessage(method, url) { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        if (_settings.Token is { } tokens)
        {
            var token = await tokens.GetTokenAsync(callerToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        cts.CancelAfter(_settings.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            var completion = streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
            response = await _http.SendAsync(request, completion, cts.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw KubeApiException.Unreachable(method.Method, url, ex);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw KubeApiException.Unreachable(method.Method, url,
                new TimeoutException($"no answer within {_settings.RequestTimeout.TotalSeconds:0.#} s", ex));
        }

        if (streaming)
        {
            cts.CancelAfter(Timeout.InfiniteTimeSpan);
        }

        _logger.LogDebug("{Method} {Path} -> {Status}", method.Method, pathAndQuery, (int)response.StatusCode);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var raw = await response.Content.ReadAsStringAsync(callerToken).ConfigureAwait(false);
            throw KubeApiException.FromResponse(method.Method, pathAndQuery, response.StatusCode, TryStatus(raw), raw);
        }
    }

    internal static Status? TryStatus(string raw)
    {
        try
        {
            var status = JsonSerializer.Deserialize<Status>(raw, KubeJson.Options);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
