// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Hnsw;

namespace VectorStudio.Engine.Tests.Hnsw;

/// <summary>The SIMD int8 kernels equal their scalar references (integer sums, so exactly).</summary>
public class Int8KernelsTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(832)]
    public unsafe void Kernels_Should_EqualScalar_When_CodesAreRandom(int length)
    {
        var rng = new Random(length);
        var a = new sbyte[length];
        var b = new sbyte[length];
        for (var trial = 0; trial < 20; trial++)
        {
            for (var i = 0; i < length; i++)
            {
                // Include the extremes, where a widening bug would overflow.
                a[i] = (sbyte)(trial == 0 ? 127 : rng.Next(-127, 128));
                b[i] = (sbyte)(trial == 0 ? -127 : rng.Next(-127, 128));
            }

            fixed (sbyte* pa = a, pb = b)
            {
                Assert.Equal(Int8Kernels.DotScalar(pa, pb, length), Int8Kernels.Dot(pa, pb, length));
                Assert.Equal(
                    Int8Kernels.SquaredEuclideanScalar(pa, pb, length), Int8Kernels.SquaredEuclidean(pa, pb, length));
            }
        }
    }

    // Each SIMD path is called directly, so a CPU with AVX-VNNI still tests the AVX-512BW and AVX2
    // paths that dispatch would skip. The first trial puts the extremes in (±127, the clamp bounds):
    // there the offset trick's unsigned byte reaches 255 and a widening bug would overflow.
    [IsaTheory("AvxVnni")]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(832)]
    public unsafe void DotVnni_Should_EqualScalar_When_CodesAreRandom(int length) =>
        AssertPath(length, Int8Kernels.DotVnni, Int8Kernels.DotScalar);

    [IsaTheory("Avx512BW")]
    [InlineData(64)]
    [InlineData(832)]
    public unsafe void Avx512Paths_Should_EqualScalar_When_CodesAreRandom(int length)
    {
        AssertPath(length, Int8Kernels.DotAvx512, Int8Kernels.DotScalar);
        AssertPath(
            length, Int8Kernels.SquaredEuclideanAvx512, Int8Kernels.SquaredEuclideanScalar);
    }

    [IsaTheory("Avx2")]
    [InlineData(64)]
    [InlineData(832)]
    public unsafe void Avx2Paths_Should_EqualScalar_When_CodesAreRandom(int length)
    {
        AssertPath(length, Int8Kernels.DotAvx2, Int8Kernels.DotScalar);
        AssertPath(
            length, Int8Kernels.SquaredEuclideanAvx2, Int8Kernels.SquaredEuclideanScalar);
    }

    [Fact]
    public void Encode_Should_MapRangeOntoCodes_When_Fitted()
    {
        var quantizer = Int8Quantizer.Fit([[-2f, 0f, 2f]], centred: true);
        var codes = new sbyte[3];
        quantizer.Encode([-2f, 0f, 2f], codes);
        Assert.Equal(new sbyte[] { -127, 0, 127 }, codes);
        quantizer.Encode([-9f, 0.01f, 9f], codes);
        Assert.Equal(new sbyte[] { -127, 1, 127 }, codes);
    }

    private unsafe delegate int Kernel(sbyte* a, sbyte* b, int length);

    private static unsafe void AssertPath(int length, Kernel simd, Kernel scalar)
    {
        var rng = new Random(length);
        var a = new sbyte[length];
        var b = new sbyte[length];
        for (var trial = 0; trial < 20; trial++)
        {
            for (var i = 0; i < length; i++)
            {
                a[i] = (sbyte)(trial == 0 ? 127 : trial == 1 ? -127 : rng.Next(-127, 128));
                b[i] = (sbyte)(trial == 0 ? -127 : trial == 1 ? -127 : rng.Next(-127, 128));
            }

            fixed (sbyte* pa = a, pb = b)
            {
                Assert.Equal(scalar(pa, pb, length), simd(pa, pb, length));
            }
        }
    }
}
