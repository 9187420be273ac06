// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;

namespace VectorStudio.Metrics.Tests;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Collect_Should_RenderCounterWithTotalSuffix_When_CounterHasLabels()
    {
        using var meter = new Meter(UniqueMeterName());
        using var exporter = new PrometheusExporter(meter.Name);
        var counter = meter.CreateCounter<long>("vdb_requests", description: "Requests served.");
        counter.Add(2, new KeyValuePair<string, object?>("method", "Search"), new("status", "OK"));
        counter.Add(3, new KeyValuePair<string, object?>("status", "OK"), new("method", "Search"));

        var text = exporter.Collect();

        Assert.Contains("# TYPE vdb_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP vdb_requests_total Requests served.\n", text, StringComparison.Ordinal);
        Assert.Contains("vdb_requests_total{method=\"Search\",status=\"OK\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_Should_RenderCumulativeBuckets_When_HistogramHasAdvice()
    {
        using var meter = new Meter(UniqueMeterName());
        using var exporter = new PrometheusExporter(meter.Name);
        var histogram = meter.CreateHistogram(
            "vdb_latency_seconds",
            unit: "s",
            description: "Latency.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        histogram.Record(0.05);
        histogram.Record(0.5);
        histogram.Record(0.5);
        histogram.Record(7);

        var text = exporter.Collect();

        Assert.Contains("vdb_latency_seconds_bucket{le=\"0.1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("vdb_latency_seconds_bucket{le=\"1\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("vdb_latency_seconds_bucket{le=\"+Inf\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("vdb_latency_seconds_sum 8.05\n", text, StringComparison.Ordinal);
        Assert.Contains("vdb_latency_seconds_count 4\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_Should_DropStaleSeries_When_ObservableGaugeStopsReportingLabel()
    {
        using var meter = new Meter(UniqueMeterName());
        using var exporter = new PrometheusExporter(meter.Name);
        var collections = new List<string> { "a", "b" };
        meter.CreateObservableGauge(
            "vdb_points",
            () => collections.Select(c => new Measurement<long>(10, new KeyValuePair<string, object?>("collection", c))));

        var before = exporter.Collect();
        collections.Remove("b");
        var after = exporter.Collect();

        Assert.Contains("vdb_points{collection=\"b\"} 10", before, StringComparison.Ordinal);
        Assert.DoesNotContain("collection=\"b\"", after, StringComparison.Ordinal);
        Assert.Contains("vdb_points{collection=\"a\"} 10", after, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_Should_EscapeLabelValues_When_ValuesHoldQuotesAndNewlines()
    {
        using var meter = new Meter(UniqueMeterName());
        using var exporter = new PrometheusExporter(meter.Name);
        var gauge = meter.CreateUpDownCounter<int>("vdb_things");
        gauge.Add(1, new KeyValuePair<string, object?>("name", "a\"b\\c\nd"));

        var text = exporter.Collect();

        Assert.Contains("vdb_things{name=\"a\\\"b\\\\c\\nd\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_Should_IgnoreOtherMeters_When_PrefixDoesNotMatch()
    {
        using var meter = new Meter(UniqueMeterName());
        using var other = new Meter("Other." + UniqueMeterName());
        using var exporter = new PrometheusExporter(meter.Name);
        other.CreateCounter<int>("other_total").Add(1);

        Assert.DoesNotContain("other_total", exporter.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_Should_PassPromtoolCheck_When_AllKindsAreExported()
    {
        using var meter = new Meter(UniqueMeterName());
        using var exporter = new PrometheusExporter(meter.Name);
        meter.CreateCounter<long>("vdb_requests_total", description: "Requests.").Add(1, new KeyValuePair<string, object?>("method", "x"));
        meter.CreateHistogram<double>("vdb_query_latency_seconds", description: "Latency.").Record(0.002);
        meter.CreateObservableGauge("vdb_memory_bytes", () => 1234L, description: "Memory.");
        meter.CreateUpDownCounter<int>("vdb_active_connections", description: "Connections.").Add(2);

        var (exitCode, output) = await Promtool.CheckMetricsAsync(exporter.Collect());

        Assert.True(exitCode == 0, $"promtool check metrics failed ({exitCode}):\n{output}");
    }

    private static string UniqueMeterName() => "VectorStudio.Test." + Guid.NewGuid().ToString("N");
}
