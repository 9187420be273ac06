// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api.Tests;

public sealed class YamlWriterTests
{
    [Fact]
    public void Write_Should_RoundTripThroughAYamlParser_When_StringsLookLikeOtherTypes()
    {
        var tree = new JsonObject
        {
            ["plain"] = "consistentHash",
            ["bool-like"] = "true",
            ["yes"] = "no",
            ["number-like"] = "1.50",
            ["hex-like"] = "0x1F",
            ["colon"] = "a: b",
            ["comment"] = "x #y",
            ["leading-dash"] = "- item",
            ["empty"] = "",
            ["multi"] = "line1\nline2",
            ["quote"] = "it's \"quoted\"",
            ["unicode"] = "× ≤",
            ["cel"] = "!has(self.a) || self.a < self.b",
            ["regex"] = @"^(\+|-)?[0-9]+$",
            ["number"] = 150,
            ["flag"] = false,
            ["emptyObject"] = new JsonObject(),
            ["emptyList"] = new JsonArray(),
            ["list"] = new JsonArray("a", new JsonObject { ["k"] = 1, ["m"] = new JsonObject { ["n"] = "v" } },
                new JsonArray(1, 2)),
        };

        var yaml = YamlWriter.Write(tree);

        var parsed = YamlJson.Parse(yaml);
        Assert.True(JsonNode.DeepEquals(tree, parsed), yaml);
    }

    [Fact]
    public void Write_Should_PutSequencesAtTheirKeysIndentation_When_Writing()
    {
        var yaml = YamlWriter.Write(new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray("p", "q") } });

        Assert.Equal("a:\n  b:\n  - p\n  - q\n", yaml);
    }
}
