// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Api.Tests;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("2", 2)]
    [InlineData("500m", 0.5)]
    [InlineData("1Ki", 1024)]
    [InlineData("1.5Gi", 1610612736)]
    [InlineData("10G", 10_000_000_000)]
    [InlineData("1e3", 1000)]
    [InlineData("+.5", 0.5)]
    public void TryParse_Should_ReturnBaseUnits_When_TheQuantityIsValid(string text, double expected)
    {
        Assert.True(Quantity.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("1.5.5")]
    [InlineData("5 Gi")]
    [InlineData("5GB")]
    [InlineData(null)]
    public void TryParse_Should_Fail_When_TheTextIsNotAQuantity(string? text)
    {
        Assert.False(Quantity.TryParse(text, out _));
    }
}
