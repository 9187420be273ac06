// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace VectorStudio.Metrics;

/// <summary>One exported metric: its name, type, help, and a series per label set.</summary>
internal sealed class MetricFamily
{
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly double[] _buckets;

    private MetricFamily(string name, MetricKind kind, string help, bool observable, double[] buckets)
    {
        Name = name;
        Kind = kind;
        Help = help;
        IsObservable = observable;
        _buckets = buckets;
    }

    public string Name { get; }

    public MetricKind Kind { get; }

    public string Help { get; }

    /// <summary>Observable instruments report absolute values at scrape time.</summary>
    public bool IsObservable { get; }

    public static MetricFamily For(Instrument instrument)
    {
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        var (kind, observable) = generic switch
        {
            _ when generic == typeof(Counter<>) => (MetricKind.Counter, false),
            _ when generic == typeof(ObservableCounter<>) => (MetricKind.Counter, true),
            _ when generic == typeof(UpDownCounter<>) => (MetricKind.Gauge, false),
            _ when generic == typeof(Histogram<>) => (MetricKind.Histogram, false),
            _ when generic == typeof(Gauge<>) => (MetricKind.Gauge, false),
            _ => (MetricKind.Gauge, true),
        };
        var name = PrometheusText.SanitizeName(instrument.Name);
        if (kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        var buckets = kind == MetricKind.Histogram ? AdvisedBuckets(instrument) : [];
        return new MetricFamily(name, kind, help, observable || generic == typeof(Gauge<>), buckets);
    }

    public void BeginCollect()
    {
        if (IsObservable)
        {
            _series.Clear();
        }
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = PrometheusText.FormatLabels(tags);
        var series = _series.GetOrAdd(key, static (_, buckets) => new Series(buckets.Length), _buckets);
        switch (Kind)
        {
            case MetricKind.Histogram:
                series.Observe(value, _buckets);
                break;
            case MetricKind.Counter or MetricKind.Gauge when IsObservable:
                series.Set(value);
                break;
            case MetricKind.Counter or MetricKind.Gauge:
                series.Add(value);
                break;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        if (_series.IsEmpty)
        {
            return;
        }

        var type = Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            MetricKind.Histogram => "histogram",
        };
        text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.EscapeHelp(Help)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        var keys = _series.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        foreach (var labels in keys)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                continue;
            }

            if (Kind == MetricKind.Histogram)
            {
                series.WriteHistogram(text, Name, labels, _buckets);
            }
            else
            {
                PrometheusText.WriteSample(text, Name, labels, series.Value);
            }
        }
    }

    private static double[] AdvisedBuckets(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        return advised ?? [.. PrometheusExporter.DefaultBuckets];
    }
}

/// <summary>The Prometheus metric types this exporter writes.</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
