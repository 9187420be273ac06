// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using VectorStudio.Operator.Controllers;

namespace VectorStudio.Operator.Tests.Controllers;

public sealed class JsonSubsetTests
{
    [Theory]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"a":{"x":[{"p":80}]}}""", """{"a":{"x":[{"p":80,"protocol":"TCP"}]}}""", true)]
    [InlineData("""{"a":1}""", """{"a":"1"}""", true)]
    [InlineData("""{"a":2}""", """{"a":1}""", false)]
    [InlineData("""{"a":[1,2]}""", """{"a":[1]}""", false)]
    [InlineData("""{"a":[1]}""", """{"a":[1,2]}""", false)]
    [InlineData("""{"c":"x"}""", """{"a":1}""", false)]
    [InlineData("""{"c":null}""", """{"a":1}""", true)]
    public void Contains_Should_HoldOnlyWhenEveryDesiredFieldIsPresent_When_Compared(string want, string have, bool expected)
        => Assert.Equal(expected, JsonSubset.Contains(JsonNode.Parse(have), JsonNode.Parse(want)));
}
