// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VectorStudio.Hosting;

/// <summary>Process-wide gauges every deployable exports: memory, GC heap, CPU time, threads.</summary>
public sealed class ProcessMetrics : IDisposable
{
    public const string MeterName = "VectorStudio.Process";

    private readonly Meter _meter = new(MeterName);

    public ProcessMetrics()
    {
        _meter.CreateObservableGauge(
            "vdb_memory_bytes",
            () => new Measurement<long>[]
            {
                new(Environment.WorkingSet, new KeyValuePair<string, object?>("kind", "resident")),
                new(GC.GetTotalMemory(false), new KeyValuePair<string, object?>("kind", "gc_heap")),
                new(GC.GetGCMemoryInfo().TotalCommittedBytes, new KeyValuePair<string, object?>("kind", "gc_committed")),
            },
            description: "Process memory in bytes: resident set, managed heap in use, managed heap committed.");
        _meter.CreateObservableCounter(
            "vdb_process_cpu_seconds_total",
            () => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            description: "CPU time the process has used, in seconds.");
        _meter.CreateObservableGauge(
            "vdb_process_threads",
            () => (long)Process.GetCurrentProcess().Threads.Count,
            description: "Operating-system threads of the process.");
        _meter.CreateObservableCounter(
            "vdb_gc_collections_total",
            () => new Measurement<long>[]
            {
                new(GC.CollectionCount(0), new KeyValuePair<string, object?>("generation", "0")),
                new(GC.CollectionCount(1), new KeyValuePair<string, object?>("generation", "1")),
                new(GC.CollectionCount(2), new KeyValuePair<string, object?>("generation", "2")),
            },
            description: "Garbage collections by generation.");
    }

    public void Dispose() => _meter.Dispose();
}
