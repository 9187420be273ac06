// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VectorStudio.Engine.Distance;

/// <summary>
/// Kernels over panel-major vectors (16 vectors per panel, dimension-major; see
/// <c>IVectorStorageReader</c>): each step broadcasts one query element and multiplies it with the
/// same element of 16 vectors, so scores come out 16 at a time with no horizontal sums.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Single4"/>: one query against 4 panels (64 vectors); inner product, or squared
/// distance (subtract, then multiply-add). Four independent accumulators, one per panel.</item>
/// <item><see cref="Batch8x2"/>: the register tile of batch search: 8 queries (packed element-major,
/// <c>packed[j·8 + i]</c> = element j of query i) against 2 panels (32 vectors) keeps 16 accumulators
/// in registers; per element, 2 panel loads and 8 broadcasts feed 16 FMAs, so the loop is bound by
/// FMA throughput, not loads. It computes inner products only; Euclidean batch search ranks by
/// <c>2·q·v − |v|²</c> and re-scores its final hits exactly.</item>
/// </list>
/// Without AVX-512 each panel is two 256-bit halves; without SIMD a scalar loop does the same sums.
/// </remarks>
internal static unsafe class PanelKernels
{
    /// <summary>Queries per batch tile.</summary>
    public const int BatchQueries = 8;

    /// <summary>Vectors per batch tile (two panels).</summary>
    public const int BatchVectors = 32;

    /// <summary>
    /// Writes 64 results to <paramref name="output"/>: inner products of <paramref name="query"/> with
    /// the 4 panels at <paramref name="panels"/>, or squared distances when <paramref name="euclidean"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Single4(float* query, float* panels, int dimension, bool euclidean, float* output)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            if (euclidean)
            {
                Single4L2x512(query, panels, dimension, output);
            }
            else
            {
                Single4Dotx512(query, panels, dimension, output);
            }
        }
        else
        {
            Single4Fallback(query, panels, dimension, euclidean, output);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Single4Dotx512(float* query, float* panels, int dimension, float* output)
    {
        var stride = (nint)dimension * 16;
        var p0 = panels;
        var p1 = panels + stride;
        var p2 = p1 + stride;
        var p3 = p2 + stride;
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        for (nint j = 0; j < dimension; j++)
        {
            var q = Vector512.Create(query[j]);
            var o = j * 16;
            a0 = Vector512.MultiplyAddEstimate(q, Vector512.LoadAligned(p0 + o), a0);
            a1 = Vector512.MultiplyAddEstimate(q, Vector512.LoadAligned(p1 + o), a1);
            a2 = Vector512.MultiplyAddEstimate(q, Vector512.LoadAligned(p2 + o), a2);
            a3 = Vector512.MultiplyAddEstimate(q, Vector512.LoadAligned(p3 + o), a3);
        }

        a0.Store(output);
        a1.Store(output + 16);
        a2.Store(output + 32);
        a3.Store(output + 48);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Single4L2x512(float* query, float* panels, int dimension, float* output)
    {
        var stride = (nint)dimension * 16;
        var p0 = panels;
        var p1 = panels + stride;
        var p2 = p1 + stride;
        var p3 = p2 + stride;
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        for (nint j = 0; j < dimension; j++)
        {
            var q = Vector512.Create(query[j]);
            var o = j * 16;
            var d0 = q - Vector512.LoadAligned(p0 + o);
            a0 = Vector512.MultiplyAddEstimate(d0, d0, a0);
            var d1 = q - Vector512.LoadAligned(p1 + o);
            a1 = Vector512.MultiplyAddEstimate(d1, d1, a1);
            var d2 = q - Vector512.LoadAligned(p2 + o);
            a2 = Vector512.MultiplyAddEstimate(d2, d2, a2);
            var d3 = q - Vector512.LoadAligned(p3 + o);
            a3 = Vector512.MultiplyAddEstimate(d3, d3, a3);
        }

        a0.Store(output);
        a1.Store(output + 16);
        a2.Store(output + 32);
        a3.Store(output + 48);
    }

    private static void Single4Fallback(float* query, float* panels, int dimension, bool euclidean, float* output)
    {
        var stride = (nint)dimension * 16;
        for (var p = 0; p < 4; p++)
        {
            var panel = panels + (p * stride);
            if (Vector256.IsHardwareAccelerated)
            {
                var lo = Vector256<float>.Zero;
                var hi = Vector256<float>.Zero;
                for (nint j = 0; j < dimension; j++)
                {
                    var q = Vector256.Create(query[j]);
                    var vlo = Vector256.Load(panel + (j * 16));
                    var vhi = Vector256.Load(panel + (j * 16) + 8);
                    if (euclidean)
                    {
                        vlo = q - vlo;
                        vhi = q - vhi;
                        lo = Vector256.MultiplyAddEstimate(vlo, vlo, lo);
                        hi = Vector256.MultiplyAddEstimate(vhi, vhi, hi);
                    }
                    else
                    {
                        lo = Vector256.MultiplyAddEstimate(q, vlo, lo);
                        hi = Vector256.MultiplyAddEstimate(q, vhi, hi);
                    }
                }

                lo.Store(output + (p * 16));
                hi.Store(output + (p * 16) + 8);
            }
            else
            {
                ScalarPanel(query, panel, dimension, euclidean, output + (p * 16));
            }
        }
    }

    /// <summary>The scalar reference of one panel (also the test oracle for the SIMD paths).</summary>
    internal static void ScalarPanel(float* query, float* panel, int dimension, bool euclidean, float* output)
    {
        for (var lane = 0; lane < 16; lane++)
        {
            var sum = 0f;
            for (var j = 0; j < dimension; j++)
            {
                var v = panel[(j * 16) + lane];
                sum = euclidean ? MathF.FusedMultiplyAdd(query[j] - v, query[j] - v, sum)
                    : MathF.FusedMultiplyAdd(query[j], v, sum);
            }

            output[lane] = sum;
        }
    }

    /// <summary>
    /// Adds the 8×32 inner products of 8 packed queries with 2 adjacent panels, over elements
    /// <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/>, to
    /// <paramref name="output"/> (row i = query i, 32 floats per row), or writes them when
    /// <paramref name="accumulate"/> is false. Splitting the elements lets a batch scan keep a slice of
    /// the panels in L1 while every query group passes over it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Batch8x2(
        float* packedQueries, float* panels, int dimension, int first, int count, float* output, bool accumulate)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Batch8x2x512(packedQueries, panels, dimension, first, count, output, accumulate);
        }
        else
        {
            Batch8x2Fallback(packedQueries, panels, dimension, first, count, output, accumulate);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Batch8x2x512(
        float* packedQueries, float* panels, int dimension, int first, int count, float* output, bool accumulate)
    {
        var p0 = panels + ((nint)first * 16);
        var p1 = p0 + ((nint)dimension * 16);
        var a00 = accumulate ? Vector512.Load(output + 0) : Vector512<float>.Zero;
        var a01 = accumulate ? Vector512.Load(output + 16) : Vector512<float>.Zero;
        var a10 = accumulate ? Vector512.Load(output + 32) : Vector512<float>.Zero;
        var a11 = accumulate ? Vector512.Load(output + 48) : Vector512<float>.Zero;
        var a20 = accumulate ? Vector512.Load(output + 64) : Vector512<float>.Zero;
        var a21 = accumulate ? Vector512.Load(output + 80) : Vector512<float>.Zero;
        var a30 = accumulate ? Vector512.Load(output + 96) : Vector512<float>.Zero;
        var a31 = accumulate ? Vector512.Load(output + 112) : Vector512<float>.Zero;
        var a40 = accumulate ? Vector512.Load(output + 128) : Vector512<float>.Zero;
        var a41 = accumulate ? Vector512.Load(output + 144) : Vector512<float>.Zero;
        var a50 = accumulate ? Vector512.Load(output + 160) : Vector512<float>.Zero;
        var a51 = accumulate ? Vector512.Load(output + 176) : Vector512<float>.Zero;
        var a60 = accumulate ? Vector512.Load(output + 192) : Vector512<float>.Zero;
        var a61 = accumulate ? Vector512.Load(output + 208) : Vector512<float>.Zero;
        var a70 = accumulate ? Vector512.Load(output + 224) : Vector512<float>.Zero;
        var a71 = accumulate ? Vector512.Load(output + 240) : Vector512<float>.Zero;
        var q = packedQueries + ((nint)first * BatchQueries);
        for (nint o = 0, end = (nint)count * 16; o < end; o += 16, q += 8)
        {
            var v0 = Vector512.LoadAligned(p0 + o);
            var v1 = Vector512.LoadAligned(p1 + o);
            var b0 = Vector512.Create(q[0]);
            a00 = Vector512.MultiplyAddEstimate(b0, v0, a00);
            a01 = Vector512.MultiplyAddEstimate(b0, v1, a01);
            var b1 = Vector512.Create(q[1]);
            a10 = Vector512.MultiplyAddEstimate(b1, v0, a10);
            a11 = Vector512.MultiplyAddEstimate(b1, v1, a11);
            var b2 = Vector512.Create(q[2]);
            a20 = Vector512.MultiplyAddEstimate(b2, v0, a20);
            a21 = Vector512.MultiplyAddEstimate(b2, v1, a21);
            var b3 = Vector512.Create(q[3]);
            a30 = Vector512.MultiplyAddEstimate(b3, v0, a30);
            a31 = Vector512.MultiplyAddEstimate(b3, v1, a31);
            var b4 = Vector512.Create(q[4]);
            a40 = Vector512.MultiplyAddEstimate(b4, v0, a40);
            a41 = Vector512.MultiplyAddEstimate(b4, v1, a41);
            var b5 = Vector512.Create(q[5]);
            a50 = Vector512.MultiplyAddEstimate(b5, v0, a50);
            a51 = Vector512.MultiplyAddEstimate(b5, v1, a51);
            var b6 = Vector512.Create(q[6]);
            a60 = Vector512.MultiplyAddEstimate(b6, v0, a60);
            a61 = Vector512.MultiplyAddEstimate(b6, v1, a61);
            var b7 = Vector512.Create(q[7]);
            a70 = Vector512.MultiplyAddEstimate(b7, v0, a70);
            a71 = Vector512.MultiplyAddEstimate(b7, v1, a71);
        }

        a00.Store(output + 0);
        a01.Store(output + 16);
        a10.Store(output + 32);
        a11.Store(output + 48);
        a20.Store(output + 64);
        a21.Store(output + 80);
        a30.Store(output + 96);
        a31.Store(output + 112);
        a40.Store(output + 128);
        a41.Store(output + 144);
        a50.Store(output + 160);
        a51.Store(output + 176);
        a60.Store(output + 192);
        a61.Store(output + 208);
        a70.Store(output + 224);
        a71.Store(output + 240);
    }

    private static void Batch8x2Fallback(
        float* packedQueries, float* panels, int dimension, int first, int count, float* output, bool accumulate)
    {
        for (var i = 0; i < BatchQueries; i++)
        {
            for (var v = 0; v < BatchVectors; v++)
            {
                var panel = panels + ((nint)(v >> 4) * dimension * 16) + (v & 15);
                var sum = accumulate ? output[(i * 32) + v] : 0f;
                for (var j = first; j < first + count; j++)
                {
                    sum = MathF.FusedMultiplyAdd(packedQueries[(j * BatchQueries) + i], panel[j * 16], sum);
                }

                output[(i * 32) + v] = sum;
            }
        }
    }
}
