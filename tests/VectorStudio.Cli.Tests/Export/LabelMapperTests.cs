// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli.Export;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Tests.Export;

/// <summary>The label rules of vsctl export, without a node.</summary>
public sealed class LabelMapperTests
{
    [Fact]
    public void Map_Should_RefuseASecondLabelType_When_PointsDisagree()
    {
        // A node keeps one type per payload field, so this guards data from elsewhere (e.g. a restored snapshot).
        var mapper = new LabelMapper("y", requireLabel: false);

        var first = mapper.Map(PointWith(1, new Value { IntegerValue = 5 }));
        var error = Assert.Throws<ExportDataException>(() => mapper.Map(PointWith(2, new Value { StringValue = "x" })));

        Assert.Equal(5, first!.Label!.Value.Number);
        Assert.Equal("integer", mapper.Kind);
        Assert.Contains("point 2: label field 'y' holds a string, but earlier points hold integers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Should_SkipAndCount_When_TheFieldIsMissingAndNotRequired()
    {
        var mapper = new LabelMapper("y", requireLabel: false);

        var skipped = mapper.Map(PointWith(1, null));
        var kept = mapper.Map(PointWith(2, new Value { StringValue = "cat" }));

        Assert.Null(skipped);
        Assert.Equal(1, mapper.Skipped);
        Assert.Equal("cat", kept!.Label!.Value.Text);
        Assert.Equal([2f, 1f], kept.Vector);
    }

    [Fact]
    public void Map_Should_KeepEveryPointWithoutALabel_When_NoFieldIsGiven()
    {
        var mapper = new LabelMapper(null, requireLabel: false);

        var row = mapper.Map(PointWith(3, new Value { StringValue = "ignored" }));

        Assert.Null(row!.Label);
        Assert.Equal("none", mapper.Kind);
    }

    private static Point PointWith(ulong id, Value? label)
    {
        var point = new Point { Id = new PointId { Num = id }, Vector = { id, 1 } };
        if (label is not null)
        {
            point.Payload["y"] = label;
        }

        return point;
    }
}
