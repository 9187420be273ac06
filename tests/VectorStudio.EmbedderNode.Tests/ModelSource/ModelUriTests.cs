// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.EmbedderNode.ModelSource;

namespace VectorStudio.EmbedderNode.Tests.ModelSource;

public sealed class ModelUriTests
{
    private const string Digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Theory]
    [InlineData("https://models.example.org/minilm.tar.gz")]
    [InlineData("http://127.0.0.1:8080/a/b/model.tgz")]
    [InlineData("file:///models/minilm")]
    [InlineData("file:///models/minilm.zip")]
    public void TryParse_Should_AcceptTheUri_When_TheSchemeIsFileOrHttp(string text)
    {
        var uri = ModelUri.TryParse(text, null, out var error);

        Assert.Null(error);
        Assert.NotNull(uri);
        Assert.Equal(text, uri.Location.AbsoluteUri);
        Assert.Null(uri.Sha256);
    }

    [Fact]
    public void TryParse_Should_TakeTheDigestFromTheFragment_When_OneIsGiven()
    {
        var uri = ModelUri.TryParse($"https://h/m.tar.gz#sha256={Digest.ToUpperInvariant()}", null, out _);

        Assert.NotNull(uri);
        Assert.Equal(Digest, uri.Sha256);
        Assert.Equal("https://h/m.tar.gz", uri.Location.AbsoluteUri);
    }

    [Fact]
    public void TryParse_Should_AcceptTheSeparateDigest_When_ItAgreesWithTheFragment()
    {
        Assert.Equal(Digest, ModelUri.TryParse("https://h/m.tar.gz", Digest, out _)?.Sha256);
        Assert.Equal(Digest, ModelUri.TryParse($"https://h/m.tar.gz#sha256={Digest}", Digest, out _)?.Sha256);
    }

    [Theory]
    [InlineData("s3://bucket/model.tar.gz", null, "is not a model URI; use file:///path")]
    [InlineData("/models/minilm", null, "is not a model URI")]
    [InlineData("ftp://h/m.tar.gz", null, "is not a model URI")]
    [InlineData("file://otherhost/m.tar.gz", null, "a file URI must be local")]
    [InlineData("https://h/m.tar.gz#md5=abc", null, "is not #sha256=<64 hex digits>")]
    [InlineData("https://h/m.tar.gz#sha256=abc", null, "is not a SHA-256 digest; give 64 hex digits")]
    [InlineData("https://h/m.tar.gz", "zz", "--model-sha256: 'zz' is not a SHA-256 digest")]
    [InlineData("https://h/m.tar.gz#sha256=" + Digest, "0000000000000000000000000000000000000000000000000000000000000000", "disagree")]
    public void TryParse_Should_SayWhatIsWrong_When_TheUriIsBad(string text, string? sha256, string expected)
    {
        var uri = ModelUri.TryParse(text, sha256, out var error);

        Assert.Null(uri);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void CacheKey_Should_DependOnTheUriAndDigest_When_Computed()
    {
        var plain = ModelUri.TryParse("https://h/models/minilm.tar.gz", null, out _)!;
        var same = ModelUri.TryParse("https://h/models/minilm.tar.gz", null, out _)!;
        var pinned = ModelUri.TryParse("https://h/models/minilm.tar.gz", Digest, out _)!;
        var other = ModelUri.TryParse("https://h/other/minilm.tar.gz", null, out _)!;

        Assert.Equal(plain.CacheKey(), same.CacheKey());
        Assert.NotEqual(plain.CacheKey(), pinned.CacheKey());
        Assert.NotEqual(plain.CacheKey(), other.CacheKey());
        Assert.StartsWith("minilm.tar.gz-", plain.CacheKey(), StringComparison.Ordinal);
        // The key is a plain folder name whatever the URI holds.
        var odd = ModelUri.TryParse("https://h/a%20b/..%2F%2Fx?y=1", null, out _)!;
        Assert.DoesNotContain('/', odd.CacheKey());
        Assert.DoesNotContain(' ', odd.CacheKey());
    }

    [Fact]
    public void ToString_Should_HideCredentials_When_TheUriHasUserInfo()
    {
        var uri = ModelUri.TryParse("https://user:secret@h/m.tar.gz", null, out _)!;

        Assert.Equal("https://h/m.tar.gz", uri.ToString());
    }
}
