// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Tests.Protocol;

public sealed class BinaryHeaderEncodingTest
{
    [Theory]
    [InlineData("AAEC+v8=")]
    [InlineData("AAEC+v8")]
    public void TryDecode_Should_AcceptPaddedAndUnpadded_When_Decoding(string value)
    {
        Assert.True(BinaryHeaderEncoding.TryDecode(value, out var bytes));
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, bytes);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("!!!!")]
    [InlineData("AAEC+v8==")]
    public void TryDecode_Should_ReturnFalse_When_NotBase64(string value) =>
        Assert.False(BinaryHeaderEncoding.TryDecode(value, out _));

    [Theory]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 1 }, "AQ")]
    [InlineData(new byte[] { 1, 2 }, "AQI")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    public void EncodeUnpadded_Should_DropPadding_When_Encoding(byte[] bytes, string expected) =>
        Assert.Equal(expected, BinaryHeaderEncoding.EncodeUnpadded(bytes));
}
