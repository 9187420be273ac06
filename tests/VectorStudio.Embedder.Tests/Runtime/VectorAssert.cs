// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tests.Runtime;

internal static class VectorAssert
{
    /// <summary>Every element of <paramref name="actual"/> (row-major) within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public static void Close(float[][] expected, float[] actual, double tolerance, string what)
    {
        var dim = expected[0].Length;
        Assert.Equal(expected.Length * dim, actual.Length);
        var worst = 0.0;
        for (var r = 0; r < expected.Length; r++)
        {
            for (var i = 0; i < dim; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[r][i] - actual[(r * dim) + i]));
            }
        }

        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:E3} exceeds {tolerance:E1}");
    }
}
