// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Runtime;

namespace VectorStudio.Embedder.Tests.Runtime;

/// <summary>The pooling/normalisation shared by both backends, against hand-computed values.</summary>
public sealed class EmbeddingOutputTests
{
    // [batch 2, seq 3, hidden 2]; row 0 attends tokens 0-1, row 1 only token 0.
    private static readonly float[] Tokens = [1, 2, 3, 4, 100, 100, /**/ 6, 8, 50, 50, 70, 70];
    private static readonly long[] Mask = [1, 1, 0, 1, 0, 0];
    private static readonly long[] TokenShape = [2, 3, 2];

    [Fact]
    public void Finish_Should_AverageOnlyAttendedTokens_When_PoolingIsMean()
    {
        var v = EmbeddingOutput.Finish(Tokens, TokenShape, Mask, 2, 3, OutputLayout.Tokens, 2, PoolingMode.Mean, normalize: false);
        Assert.Equal([2f, 3f, 6f, 8f], v);
    }

    [Fact]
    public void Finish_Should_TakeTheFirstToken_When_PoolingIsCls()
    {
        var v = EmbeddingOutput.Finish(Tokens, TokenShape, Mask, 2, 3, OutputLayout.Tokens, 2, PoolingMode.Cls, normalize: false);
        Assert.Equal([1f, 2f, 6f, 8f], v);
    }

    [Fact]
    public void Finish_Should_ScaleToUnitLength_When_NormaliseIsOn()
    {
        var v = EmbeddingOutput.Finish([3, 4, 0, 0], [2, 2], [1, 1], 2, 1, OutputLayout.Pooled, 2, PoolingMode.None, normalize: true);
        // 3-4-5 triangle; the zero vector stays zero (divided by the 1e-12 floor, not by 0).
        Assert.Equal([0.6f, 0.8f, 0f, 0f], v);
    }

    [Fact]
    public void Finish_Should_GiveZeros_When_ARowHasNoAttendedToken()
    {
        var v = EmbeddingOutput.Finish([5, 5], [1, 1, 2], [0], 1, 1, OutputLayout.Tokens, 2, PoolingMode.Mean, normalize: false);
        Assert.Equal([0f, 0f], v);
    }

    [Theory]
    [InlineData(new long[] { 2, 8 }, 2, 8, PoolingMode.None, 8)]
    [InlineData(new long[] { 2, 5, 16 }, 2, 5, PoolingMode.Mean, 16)]
    [InlineData(new long[] { 1, 2, 384 }, 1, 2, PoolingMode.Cls, 384)]
    public void Classify_Should_FindTheDimension_When_TheShapeFitsThePooling(long[] shape, int batch, int seq, PoolingMode pooling, int dimension)
    {
        Assert.Equal(dimension, EmbeddingOutput.Classify(shape, batch, seq, pooling).Dimension);
    }

    [Theory]
    [InlineData(new long[] { 2 }, PoolingMode.None, "accepted: [batch, dim]")]
    [InlineData(new long[] { 2, 5, 4, 1 }, PoolingMode.Mean, "accepted: [batch, dim]")]
    [InlineData(new long[] { 3, 8 }, PoolingMode.None, "accepted: [batch, dim]")]
    [InlineData(new long[] { 2, 4, 8 }, PoolingMode.Mean, "accepted: [batch, dim]")]
    [InlineData(new long[] { 2, 0 }, PoolingMode.None, "accepted: [batch, dim]")]
    [InlineData(new long[] { 2, 8 }, PoolingMode.Mean, "set pooling to none")]
    [InlineData(new long[] { 2, 5, 8 }, PoolingMode.None, "set pooling to mean or cls")]
    public void Classify_Should_FailWithUnsupportedOutput_When_TheShapeDoesNotFit(long[] shape, PoolingMode pooling, string message)
    {
        var e = Assert.Throws<EmbedderException>(() => EmbeddingOutput.Classify(shape, 2, 5, pooling));
        Assert.Equal(EmbedderErrorKind.UnsupportedOutput, e.Kind);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_Should_Fail_When_TheOutputShapeChangesAfterLoad()
    {
        var e = Assert.Throws<EmbedderException>(() => EmbeddingOutput.Finish(new float[6], [2, 3], [1, 1], 2, 1, OutputLayout.Pooled, 4, PoolingMode.None, false));
        Assert.Equal(EmbedderErrorKind.UnsupportedOutput, e.Kind);
    }
}
