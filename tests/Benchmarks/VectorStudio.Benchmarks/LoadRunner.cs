// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace VectorStudio.Benchmarks;

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each call, wait for the answer, and call again,
/// for a fixed time after a warm-up. Reports calls/s and latency percentiles.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<int, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await RunPhaseAsync(concurrency, warmUp, call);
        var (calls, latencies, elapsed) = await RunPhaseAsync(concurrency, duration, call);
        Array.Sort(latencies);
        return new LoadResult(calls / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), calls);
    }

    private static async Task<(long Calls, double[] LatenciesUs, TimeSpan Elapsed)> RunPhaseAsync(
        int concurrency, TimeSpan duration, Func<int, Task> call)
    {
        var clock = Stopwatch.StartNew();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var i = w;
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                await call(i);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                i += concurrency;
            }

            return latencies;
        })).ToArray();
        var all = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var merged = all.SelectMany(l => l).ToArray();
        return (merged.Length, merged, elapsed);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
}

/// <summary>Calls per second and latency percentiles in microseconds.</summary>
public readonly record struct LoadResult(double CallsPerSecond, double P50Us, double P99Us, long Calls);
