// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;

namespace VectorStudio.Benchmarks.Durability;

/// <summary>
/// The node's managed allocations and garbage collections, read from its /metrics
/// (<c>vdb_gc_allocated_bytes_total</c>, <c>vdb_gc_collections_total</c>); -1 where a node does not export them.
/// </summary>
internal readonly record struct NodeGcCounters(double AllocatedBytes, double Collections)
{
    private static readonly HttpClient Http = new();

    public static async Task<NodeGcCounters> ReadAsync(int httpPort)
    {
        var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{httpPort}/metrics"));
        var allocated = -1.0;
        var collections = -1.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("vdb_gc_allocated_bytes_total ", StringComparison.Ordinal))
            {
                allocated = Value(line);
            }
            else if (line.StartsWith("vdb_gc_collections_total{", StringComparison.Ordinal))
            {
                collections = Math.Max(collections, 0) + Value(line);
            }
        }

        return new NodeGcCounters(allocated, collections);
    }

    public static NodeGcCounters operator -(NodeGcCounters a, NodeGcCounters b) => new(
        a.AllocatedBytes < 0 || b.AllocatedBytes < 0 ? -1 : a.AllocatedBytes - b.AllocatedBytes,
        a.Collections - b.Collections);

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
