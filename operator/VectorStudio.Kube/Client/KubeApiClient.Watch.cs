// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Client;

/// <summary>One watch request: a chunked stream of JSON lines, decoded as they arrive.</summary>
public sealed partial class KubeApiClient
{
    /// <summary>
    /// Streams the events of one watch request until the server ends it (its timeout), the
    /// connection drops (throws <see cref="KubeApiException"/>) or <paramref name="ct"/> fires.
    /// A too-old resourceVersion surfaces either as a 410 <see cref="KubeApiException"/> or as an
    /// <see cref="WatchEventType.Error"/> event with code 410. This is the raw stream: resuming,
    /// re-listing and backoff are <see cref="Watching.Reflector{T}"/>'s job.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceType type, string? ns, WatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
        where T : class
    {
        options ??= new WatchOptions();
        var query = Query(
            ("watch", "1"),
            ("resourceVersion", options.ResourceVersion),
            ("allowWatchBookmarks", options.AllowBookmarks ? "true" : null),
            ("labelSelector", options.LabelSelector),
            ("fieldSelector", options.FieldSelector),
            ("timeoutSeconds", options.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture)));
        var path = PathOf(type, ns) + query;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var response = await SendRawAsync(HttpMethod.Get, path, null, streaming: true, cts, ct).ConfigureAwait(false);

        // A half-open connection would otherwise hang forever: end the stream a little after the
        // server should have (its timeout, or 10 minutes), and let the caller resume.
        var limit = TimeSpan.FromSeconds((options.TimeoutSeconds ?? 600) + 30);
        cts.CancelAfter(limit);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false));
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException
                || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                throw new KubeApiException(KubeErrorKind.Unreachable, $"GET {path}: the watch stream broke: {ex.Message}",
                    inner: ex);
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length > 0)
            {
                yield return Decode<T>(line, path);
            }
        }
    }

    private static WatchEvent<T> Decode<T>(string line, string path)
        where T : class
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var type = root.GetProperty("type").Deserialize<WatchEventType>(KubeJson.Options);
            var obj = root.GetProperty("object");
            return type == WatchEventType.Error
                ? new WatchEvent<T> { Type = type, ErrorStatus = obj.Deserialize<Status>(KubeJson.Options) }
                : new WatchEvent<T> { Type = type, Item = obj.Deserialize<T>(KubeJson.Options) };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new KubeApiException(KubeErrorKind.Other, $"GET {path}: undecodable watch event: {ex.Message}", inner: ex);
        }
    }
}
