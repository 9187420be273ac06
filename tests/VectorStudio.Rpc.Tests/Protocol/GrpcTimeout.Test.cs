// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Rpc.Protocol;

namespace VectorStudio.Rpc.Tests.Protocol;

public sealed class GrpcTimeoutTest
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("1000n", 10L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    [InlineData("0m", 0L)]
    public void TryParse_Should_ReturnTicks_When_ValueIsWellFormed(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData(" 1S")]
    public void TryParse_Should_ReturnFalse_When_ValueIsMalformed(string? value) =>
        Assert.False(GrpcTimeout.TryParse(value, out _));

    [Theory]
    [InlineData(0L, "0n")]
    [InlineData(-5L, "0n")]
    [InlineData(10L, "1000n")]
    [InlineData(10_000_000L, "1000000u")]
    [InlineData(36_000_000_000L, "3600000m")]
    public void Format_Should_UseFinestUnitThatFits_When_Formatting(long ticks, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Format_Should_NeverShortenDeadline_When_RoundingToCoarserUnit()
    {
        var timeout = TimeSpan.FromTicks(1_000_000_001);

        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed));
        Assert.True(parsed >= timeout);
        Assert.True(GrpcTimeout.Format(TimeSpan.MaxValue).Length <= 9);
    }
}
