// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Events;

namespace VectorStudio.Kube.Controllers;

/// <summary>
/// Writes <c>events.k8s.io/v1</c> Events about objects, aggregating repeats. Events with the same
/// object, type, reason, action and note are one series: the first creates an Event; repeats within
/// <see cref="SeriesWindow"/> only count in memory, and the count (<c>series.count</c>,
/// <c>series.lastObservedTime</c>) is merge-patched at most once per <see cref="FlushInterval"/> per
/// series, or by <see cref="FlushAsync"/>. So a hot loop emitting one event 1000×/s costs one write
/// per 30 s, not 1000. Best-effort throughout: a failed write is logged, never thrown, because an
/// event must not fail a reconcile.
/// </summary>
public sealed class EventRecorder
{
    /// <summary>The API's limit on <c>note</c>.</summary>
    public const int MaxNoteLength = 1024;

    private const int MaxSeries = 4096;

    private readonly KubeApiClient _client;
    private readonly string _controller;
    private readonly string _instance;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<SeriesKey, Series> _series = [];

    /// <param name="client">Where to write.</param>
    /// <param name="reportingController">e.g. <c>vectorstudio.io/operator</c>.</param>
    /// <param name="reportingInstance">e.g. the pod name.</param>
    /// <param name="time">Clock (a fake in tests).</param>
    /// <param name="logger">Where failed writes are reported.</param>
    public EventRecorder(KubeApiClient client, string reportingController, string reportingInstance,
        TimeProvider? time = null, ILogger? logger = null)
    {
        _client = client;
        _controller = reportingController;
        _instance = reportingInstance;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>A repeat this long after the last one starts a new Event (client-go uses 6 minutes).</summary>
    public TimeSpan SeriesWindow { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>The most often one series is written.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Records one occurrence; writes to the API only when aggregation says so.</summary>
    public async Task RecordAsync(IKubernetesObject regarding, string type, string reason, string action, string note,
        CancellationToken ct = default)
    {
        var reference = new ObjectReference
        {
            ApiVersion = regarding.ApiVersion,
            Kind = regarding.Kind,
            Namespace = regarding.Metadata.Namespace,
            Name = regarding.Metadata.Name,
            Uid = regarding.Metadata.Uid,
        };
        note = note.Length <= MaxNoteLength ? note : note[..(MaxNoteLength - 1)] + "…";
        var key = new SeriesKey(reference.ApiVersion, reference.Kind, reference.Namespace, reference.Name, reference.Uid,
            type, reason, action, note);
        var now = _time.GetUtcNow();
        Series? create = null;
        Series? patch = null;
        lock (_lock)
        {
            if (_series.TryGetValue(key, out var series) && now - series.LastObserved < SeriesWindow)
            {
                series.Count++;
                series.LastObserved = now;
                if (now - series.LastWritten >= FlushInterval)
                {
                    series.LastWritten = now;
                    patch = series;
                }
            }
            else
            {
                Evict(now);
                create = new Series(EventName(reference.Name), reference.Namespace ?? _client.DefaultNamespace, now);
                _series[key] = create;
            }
        }

        if (create is not null)
        {
            await CreateAsync(create, reference, type, reason, action, note, ct).ConfigureAwait(false);
        }
        else if (patch is not null)
        {
            await PatchAsync(patch, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every series whose count changed since its last write (call on shutdown, or periodically).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        List<Series> dirty;
        lock (_lock)
        {
            dirty = [.. _series.Values.Where(s => s.Count != s.WrittenCount)];
            var now = _time.GetUtcNow();
            foreach (var s in dirty)
            {
                s.LastWritten = now;
            }
        }

        foreach (var s in dirty)
        {
            await PatchAsync(s, ct).ConfigureAwait(false);
        }
    }

    private async Task CreateAsync(Series series, ObjectReference regarding, string type, string reason, string action,
        string note, CancellationToken ct)
    {
        var ev = new KubeEvent
        {
            Metadata = new ObjectMeta { Name = series.Name, Namespace = series.Namespace },
            EventTime = series.FirstObserved,
            ReportingController = _controller,
            ReportingInstance = _instance,
            Action = action,
            Reason = reason,
            Regarding = regarding,
            Note = note,
            Type = type,
        };
        try
        {
            await _client.CreateAsync(ResourceType.Event, series.Namespace, ev, ct).ConfigureAwait(false);
            series.WrittenCount = 1;
        }
        catch (KubeApiException ex)
        {
            _logger.LogWarning("event {Reason} on {Kind} {Name} not recorded: {Message}", reason, regarding.Kind,
                regarding.Name, ex.Message);
        }
    }

    private async Task PatchAsync(Series series, CancellationToken ct)
    {
        int count;
        DateTimeOffset last;
        lock (_lock)
        {
            count = series.Count;
            last = series.LastObserved;
        }

        var patch = new { series = new EventSeries { Count = count, LastObservedTime = last } };
        try
        {
            await _client.PatchAsync<KubeEvent>(ResourceType.Event, series.Namespace, series.Name, patch, ct).ConfigureAwait(false);
            lock (_lock)
            {
                series.WrittenCount = Math.Max(series.WrittenCount, count);
            }
        }
        catch (KubeApiException ex)
        {
            _logger.LogWarning("event series {Name} (count {Count}) not updated: {Message}", series.Name, count, ex.Message);
        }
    }

    private void Evict(DateTimeOffset now)
    {
        // Bounded memory: drop series outside the window first, then the oldest.
        if (_series.Count < MaxSeries)
        {
            return;
        }

        foreach (var (k, _) in _series.Where(p => now - p.Value.LastObserved >= SeriesWindow).ToList())
        {
            _series.Remove(k);
        }

        if (_series.Count >= MaxSeries)
        {
            _series.Remove(_series.MinBy(p => p.Value.LastObserved).Key);
        }
    }

    private static string EventName(string? regardingName)
    {
        var prefix = string.IsNullOrEmpty(regardingName) ? "event" : regardingName;
        prefix = prefix.Length > 200 ? prefix[..200] : prefix;
        return $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 17)];
    }

    private sealed record SeriesKey(string? ApiVersion, string? Kind, string? Namespace, string? Name, string? Uid,
        string Type, string Reason, string Action, string Note);

    private sealed class Series(string name, string ns, DateTimeOffset first)
    {
        public string Name { get; } = name;

        public string Namespace { get; } = ns;

        public DateTimeOffset FirstObserved { get; } = first;

        public DateTimeOffset LastObserved { get; set; } = first;

        public DateTimeOffset LastWritten { get; set; } = first;

        public int Count { get; set; } = 1;

        public int WrittenCount { get; set; }
    }
}
