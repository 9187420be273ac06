// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.EmbedderNode.Services;

namespace VectorStudio.EmbedderNode.Tests;

public sealed class EmbedRequestValidationTests
{
    [Fact]
    public void Validate_Should_AcceptTexts_When_EachHasVisibleCharacters() =>
        Assert.Null(EmbedderService.Validate(["hello", "naïve café", "東京"], 8));

    [Theory]
    [InlineData(new string[0], "texts is empty; send 1 to 8 texts")]
    [InlineData(new[] { "ok", "" }, "texts[1] is empty or only whitespace")]
    [InlineData(new[] { " \t\n" }, "texts[0] is empty or only whitespace")]
    [InlineData(new[] { "ok", "ok", "a\uFFFDb" }, "texts[2] is not valid UTF-8 (U+FFFD at character 1)")]
    public void Validate_Should_SayWhatIsWrong_When_TextsAreBad(string[] texts, string expected)
    {
        var message = EmbedderService.Validate(texts, 8);
        Assert.NotNull(message);
        Assert.StartsWith(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Should_NameTheLimit_When_TooManyTexts()
    {
        var message = EmbedderService.Validate(Enumerable.Repeat("x", 9).ToList(), 8);
        Assert.Equal("9 texts in one request; this node takes at most 8 (--max-texts-per-request)", message);
    }
}
