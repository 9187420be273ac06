// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using VectorStudio.Embedder.Tokenization;
using VectorStudio.Embedder.Tokenization.Unicode;

namespace VectorStudio.Embedder.Tests.Tokenization;

public sealed class UnicodeTests
{
    [Fact]
    public void Normalize_Should_BeANoOp_When_GlobalizationIsInvariant()
    {
        // Why the tokenizer carries its own NFD table: this process runs with InvariantGlobalization.
        Assert.Equal("\u00E9", "\u00E9".Normalize(NormalizationForm.FormD));
    }

    [Theory]
    [InlineData("\u00E9", "0065 0301")]
    [InlineData("\u1E69", "0073 0323 0307")] // recursive: ṩ → ṡ + dot below → s + ...
    [InlineData("a\u0307\u0323", "0061 0323 0307")] // canonical order: ccc 220 before 230
    [InlineData("\u1EC7", "0065 0323 0302")] // ệ
    [InlineData("\uD55C", "1112 1161 11AB")] // 한: Hangul LVT
    [InlineData("\uAC00", "1100 1161")] // 가: Hangul LV
    [InlineData("\uF900", "8C48")] // CJK compatibility ideograph (singleton)
    [InlineData("\uFB01", "FB01")] // ﬁ: compatibility only, not canonical
    public void Append_Should_GiveCanonicalDecomposition_When_TextHasComposedCharacters(string text, string expected)
    {
        var buffer = new CodePointBuffer();
        foreach (var rune in text.EnumerateRunes())
        {
            CanonicalDecomposition.Append(rune.Value, buffer);
        }

        var actual = string.Join(" ", buffer.Items.Take(buffer.Count).Select(c => c.ToString("X4", null)));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Normalize_Should_StripAccentsAndLowercase_When_BertDefaults()
    {
        var normalizer = new BertNormalizer(new BertNormalizerOptions());

        Assert.Equal("ecole eleve vietnam", normalizer.Normalize("ÉCOLE Élève Việtnam"));
        Assert.Equal(" 中  文 ", normalizer.Normalize("中文"));
        Assert.Equal("a b", normalizer.Normalize("A\u0000\tB\u200D"));
    }

    [Fact]
    public void Decode_Should_ReturnText_When_BytesAreValidUtf8()
    {
        Assert.Equal("héllo 😀", Utf8Text.Decode(Encoding.UTF8.GetBytes("héllo 😀")));
        Assert.Equal("", Utf8Text.Decode([]));
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xFF, 0x62 }, 1)]
    [InlineData(new byte[] { 0x61, 0x62, 0xC3 }, 2)] // truncated two-byte sequence
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 0)] // encoded surrogate
    [InlineData(new byte[] { 0x61, 0xC0, 0xAF }, 1)] // overlong '/'
    public void Decode_Should_ReportTheByteOffset_When_BytesAreInvalid(byte[] bytes, int offset)
    {
        var error = Assert.Throws<InvalidUtf8Exception>(() => Utf8Text.Decode(bytes));

        Assert.Equal(offset, error.ByteOffset);
        Assert.Contains($"at byte {offset}", error.Message, StringComparison.Ordinal);
        Assert.False(Utf8Text.IsValid(bytes, out var reported));
        Assert.Equal(offset, reported);
    }
}
