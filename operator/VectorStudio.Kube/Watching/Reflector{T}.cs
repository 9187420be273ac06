// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Models;

namespace VectorStudio.Kube.Watching;

/// <summary>
/// Keeps a store in step with the server: list, then watch from the list's resourceVersion,
/// resuming after every stream end or error from the last version seen.
/// <code>
///            ┌──────── 410 Gone (HTTP or ERROR event) ─────────┐
///            v                                                 │
///   start ─> LIST ──ok──> WATCH(rv) ──event/bookmark: rv = its version
///            │  ^            │  └── stream ends (server timeout) ──> WATCH(rv) at once (after backoff if it was empty)
///            │  │            └── error (network, 5xx, 401…) ──> backoff ──> WATCH(rv)
///            └──┴── error ──> backoff ──> LIST
/// </code>
/// Backoff is exponential with jitter (<see cref="ReflectorOptions.InitialBackoff"/> doubling to
/// <see cref="ReflectorOptions.MaxBackoff"/>) and resets once a list or an event succeeds.
/// Cancellation ends <see cref="RunAsync"/> cleanly (no exception).
/// </summary>
public sealed class Reflector<T>
    where T : class, IKubernetesObject
{
    private readonly KubeApiClient _client;
    private readonly ResourceType _type;
    private readonly string? _namespace;
    private readonly IReflectorStore<T> _store;
    private readonly ReflectorOptions _options;
    private readonly ILogger _logger;

    public Reflector(KubeApiClient client, ResourceType type, string? ns, IReflectorStore<T> store,
        ReflectorOptions? options = null, ILogger? logger = null)
    {
        _client = client;
        _type = type;
        _namespace = ns;
        _store = store;
        _options = options ?? new ReflectorOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The version the next watch resumes from.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>How many full lists ran (the first, plus one per 410 or failed list).</summary>
    public int Lists { get; private set; }

    /// <summary>How many watch requests were opened.</summary>
    public int Watches { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        var backoff = new ExponentialBackoff(_options.InitialBackoff, _options.MaxBackoff);
        var needList = true;
        var goneStreak = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAsync(ct).ConfigureAwait(false);
                    needList = false;
                    backoff.Reset();
                }

                var (fresh, events) = await WatchAsync(backoff, ct).ConfigureAwait(false);
                if (!fresh)
                {
                    needList = true;
                    goneStreak++;
                }
                else if (events == 0)
                {
                    // A stream that ends with nothing in it (not even a bookmark) must not become a
                    // tight reconnect loop: treat it like an error.
                    await DelayAsync(backoff.Next(), ct).ConfigureAwait(false);
                }
                else
                {
                    goneStreak = 0;
                }
            }
            catch (KubeApiException ex) when (ex.IsGone && !ct.IsCancellationRequested)
            {
                _logger.LogInformation("watch {Type}: resourceVersion {Rv} expired (410), re-listing", _type, ResourceVersion);
                needList = true;
                goneStreak++;
            }
            catch (KubeApiException ex) when (!ct.IsCancellationRequested)
            {
                var delay = backoff.Next();
                _logger.LogWarning("watch {Type}: {Message}; retrying in {Delay} ms", _type, ex.Message,
                    (int)delay.TotalMilliseconds);
                await DelayAsync(delay, ct).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            // A relist answered by 410 again (history shorter than a list takes) must not spin.
            if (goneStreak > 1)
            {
                await DelayAsync(backoff.Next(), ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var options = new ListOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            Limit = _options.PageSize,
        };
        var list = await _client.ListAllAsync<T>(_type, _namespace, options, ct).ConfigureAwait(false);
        Lists++;
        ResourceVersion = list.Metadata.ResourceVersion;
        _store.Replace(list.Items, ResourceVersion ?? "");
    }

    /// <summary>One watch request: Fresh is false when it ended with an ERROR 410 event (re-list needed).</summary>
    private async Task<(bool Fresh, int Events)> WatchAsync(ExponentialBackoff backoff, CancellationToken ct)
    {
        var options = new WatchOptions
        {
            ResourceVersion = ResourceVersion,
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            AllowBookmarks = true,
            TimeoutSeconds = _options.WatchTimeoutSeconds,
        };
        Watches++;
        var events = 0;
        await foreach (var ev in _client.WatchAsync<T>(_type, _namespace, options, ct).ConfigureAwait(false))
        {
            switch (ev.Type)
            {
                case WatchEventType.Error when ev.ErrorStatus?.Code == 410:
                    _logger.LogInformation("watch {Type}: ERROR 410 at {Rv}, re-listing", _type, ResourceVersion);
                    return (false, events);
                case WatchEventType.Error:
                    throw new KubeApiException(KubeErrorKind.Other,
                        $"watch {_type}: ERROR event: {ev.ErrorStatus?.Code} {ev.ErrorStatus?.Reason}: {ev.ErrorStatus?.Message}",
                        status: ev.ErrorStatus);
                case WatchEventType.Bookmark:
                    break;
                case WatchEventType.Added:
                case WatchEventType.Modified:
                case WatchEventType.Deleted:
                    _store.Apply(ev.Type, ev.Item!);
                    break;
            }

            if (ev.Item?.Metadata.ResourceVersion is { Length: > 0 } rv)
            {
                ResourceVersion = rv;
            }

            events++;
            backoff.Reset();
        }

        return (true, events);
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, _options.Time, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The loop condition ends the run.
        }
    }
}
