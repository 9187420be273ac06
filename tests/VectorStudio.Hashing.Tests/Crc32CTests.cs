// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace VectorStudio.Hashing.Tests;

public sealed class Crc32CTests
{
    // Check value of the CRC catalogue ("123456789") and the iSCSI test vectors of RFC 3720, B.4.
    public static TheoryData<byte[], uint> KnownVectors => new()
    {
        { Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
        { new byte[32], 0x8A9136AA },
        { Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43 },
        { Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 0x46DD794E },
        { Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(), 0x113FDB5C },
        { [], 0 },
    };

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Compute_Should_MatchPublishedValue_When_GivenTestVector(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.AppendSoftware(0, data));
    }

    [Fact]
    public void Compute_Should_EqualSoftwarePath_When_InputHasAnyLengthAndContent()
    {
        Prop.ForAll<byte[]>(data => Crc32C.Compute(data) == Crc32C.AppendSoftware(0, data))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Append_Should_EqualComputeOfConcatenation_When_DataIsSplitAnywhere()
    {
        Prop.ForAll<byte[], byte[]>((a, b) =>
            Crc32C.Append(Crc32C.Compute(a), b) == Crc32C.Compute([.. a, .. b])
            && Crc32C.AppendSoftware(Crc32C.AppendSoftware(0, a), b) == Crc32C.Compute([.. a, .. b]))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Compute_Should_Change_When_AnySingleBitFlips()
    {
        // CRC-32C detects every single-bit error in messages far longer than this one.
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        uint original = Crc32C.Compute(data);
        for (int bit = 0; bit < data.Length * 8; bit += 37)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(original, Crc32C.Compute(data));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }

    [Fact]
    public void Unmask_Should_InvertMask_When_GivenAnyValue()
    {
        Prop.ForAll<uint>(crc => Crc32C.Unmask(Crc32C.Mask(crc)) == crc).QuickCheckThrowOnFailure();
        Assert.NotEqual(0x12345678u, Crc32C.Mask(0x12345678));
    }
}
