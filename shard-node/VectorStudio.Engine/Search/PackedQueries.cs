// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using VectorStudio.Engine.Distance;

namespace VectorStudio.Engine.Search;

/// <summary>
/// A batch of queries in the element-major groups of 8 that <see cref="PanelKernels.Batch8x2"/> reads
/// (<c>group[j·8 + i]</c> = element j of query 8·g + i; a short last group is padded with zeros),
/// plus each query's squared norm for Euclidean keys.
/// </summary>
internal sealed unsafe class PackedQueries
{
    // Kept referenced: the pinned array behind Data.
    private readonly float[] _packed;

    public PackedQueries(SearchJob job, bool withNorms)
    {
        var d = job.Dimension;
        Groups = (job.QueryCount + PanelKernels.BatchQueries - 1) / PanelKernels.BatchQueries;
        _packed = GC.AllocateArray<float>((Groups * PanelKernels.BatchQueries * d) + 16, pinned: true);
        Data = (float*)(((nuint)Unsafe.AsPointer(ref _packed[0]) + 63) & ~(nuint)63);
        QueryNorms = new float[job.QueryCount];
        for (var q = 0; q < job.QueryCount; q++)
        {
            var query = job.Query(q);
            var group = Data + ((long)(q / PanelKernels.BatchQueries) * PanelKernels.BatchQueries * d);
            var lane = q % PanelKernels.BatchQueries;
            for (var j = 0; j < d; j++)
            {
                group[(j * PanelKernels.BatchQueries) + lane] = query[j];
            }

            QueryNorms[q] = withNorms ? DistanceKernels.Dot(query, query) : 0f;
        }
    }

    public int Groups { get; }

    /// <summary>Group g starts at <c>Data + g·8·dimension</c>; 64-byte aligned.</summary>
    public float* Data { get; }

    public float[] QueryNorms { get; }
}
