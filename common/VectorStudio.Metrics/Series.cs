// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;

namespace VectorStudio.Metrics;

/// <summary>The value (or histogram) of one label set. Writers race freely; a scrape reads a recent value.</summary>
internal sealed class Series(int bucketCount)
{
    private readonly long[] _bucketCounts = new long[bucketCount];
    private readonly Lock _lock = new();
    private double _value;
    private double _sum;
    private long _count;

    public double Value
    {
        get
        {
            lock (_lock)
            {
                return _value;
            }
        }
    }

    public void Add(double delta)
    {
        lock (_lock)
        {
            _value += delta;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    public void Observe(double value, double[] buckets)
    {
        var index = Array.BinarySearch(buckets, value);
        if (index < 0)
        {
            index = ~index;
        }

        lock (_lock)
        {
            if (index < _bucketCounts.Length)
            {
                _bucketCounts[index]++;
            }

            _sum += value;
            _count++;
        }
    }

    public void WriteHistogram(StringBuilder text, string name, string labels, double[] buckets)
    {
        long[] counts;
        double sum;
        long count;
        lock (_lock)
        {
            counts = (long[])_bucketCounts.Clone();
            sum = _sum;
            count = _count;
        }

        var bucketName = name + "_bucket";
        long cumulative = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            cumulative += counts[i];
            PrometheusText.WriteSample(text, bucketName, PrometheusText.WithLabel(labels, "le", PrometheusText.FormatDouble(buckets[i])), cumulative);
        }

        PrometheusText.WriteSample(text, bucketName, PrometheusText.WithLabel(labels, "le", "+Inf"), count);
        PrometheusText.WriteSample(text, name + "_sum", labels, sum);
        PrometheusText.WriteSample(text, name + "_count", labels, count);
    }
}
