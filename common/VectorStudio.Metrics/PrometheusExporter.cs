// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using System.Text;

namespace VectorStudio.Metrics;

/// <summary>
/// Listens to the <see cref="Meter"/>s whose names start with a prefix and renders their
/// instruments in the Prometheus text exposition format (version 0.0.4).
/// </summary>
/// <remarks>
/// Instrument names are used as metric names, so instruments are named the Prometheus way
/// (<c>vdb_requests_total</c>, base units such as seconds and bytes). Mapping:
/// Counter and ObservableCounter → counter (a missing <c>_total</c> suffix is added);
/// UpDownCounter, Gauge, ObservableGauge and ObservableUpDownCounter → gauge;
/// Histogram → histogram, with the instrument's advised bucket boundaries or
/// <see cref="DefaultBuckets"/>. Observable instruments are read at scrape time, so a label set
/// that is no longer reported (a deleted collection) disappears from the output.
/// </remarks>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>Latency buckets in seconds, from 100 µs to 10 s.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly Dictionary<Instrument, MetricFamily> _families = [];
    private readonly Lock _familiesLock = new();
    private readonly Lock _collectLock = new();

    /// <param name="meterPrefixes">Meters whose names start with one of these are exported.</param>
    public PrometheusExporter(params string[] meterPrefixes)
    {
        ArgumentNullException.ThrowIfNull(meterPrefixes);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            foreach (var prefix in meterPrefixes)
            {
                if (instrument.Meter.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var family = MetricFamily.For(instrument);
                    lock (_familiesLock)
                    {
                        _families[instrument] = family;
                    }

                    listener.EnableMeasurementEvents(instrument, family);
                    return;
                }
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_familiesLock)
            {
                _families.Remove(instrument);
            }
        };
        SetCallback<byte>(_listener);
        SetCallback<short>(_listener);
        SetCallback<int>(_listener);
        SetCallback<long>(_listener);
        SetCallback<float>(_listener);
        SetCallback<double>(_listener);
        SetCallback<decimal>(_listener);
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and renders every metric family.</summary>
    public string Collect()
    {
        lock (_collectLock)
        {
            MetricFamily[] families;
            lock (_familiesLock)
            {
                families = [.. _families.Values];
            }

            foreach (var family in families)
            {
                family.BeginCollect();
            }

            _listener.RecordObservableInstruments();
            Array.Sort(families, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            var text = new StringBuilder(4096);
            foreach (var family in families)
            {
                family.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void SetCallback<T>(MeterListener listener)
        where T : struct =>
        listener.SetMeasurementEventCallback<T>(static (_, value, tags, state) =>
            ((MetricFamily)state!).Record(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), tags));
}
