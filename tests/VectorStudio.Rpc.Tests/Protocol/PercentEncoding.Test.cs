// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Tests.Protocol;

public sealed class PercentEncodingTest
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("bad thing: ünïcode ✓ 100%", "bad thing: %C3%BCn%C3%AFcode %E2%9C%93 100%25")]
    public void Encode_Should_EscapeNonPrintableAndPercent_When_Encoding(string value, string expected) =>
        Assert.Equal(expected, PercentEncoding.Encode(value));

    [Theory]
    [InlineData("")]
    [InlineData("ünïcode ✓ 100% 🚀")]
    [InlineData("%%%")]
    public void Decode_Should_RoundTrip_When_GivenEncodedValue(string value) =>
        Assert.Equal(value, PercentEncoding.Decode(PercentEncoding.Encode(value)));

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%4", "%4")]
    [InlineData("a%41", "aA")]
    public void Decode_Should_KeepMalformedEscapes_When_Lenient(string value, string expected) =>
        Assert.Equal(expected, PercentEncoding.Decode(value));
}
