// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Cli.Commands;
using VectorStudio.Contracts.V1;

namespace VectorStudio.Cli.Export;

/// <summary>
/// Maps a point's payload field to its training label. A string becomes a text label (TFRecord
/// <c>bytes_list</c>), an integer a numeric label (<c>int64_list</c>); any other type is an error.
/// The first labelled point fixes the kind for the whole export: a later point of the other kind is an
/// error, so a training set never mixes the two. A point without the field is skipped and counted, or,
/// when a label is required, an error.
/// </summary>
internal sealed class LabelMapper(string? labelField, bool requireLabel)
{
    private Value.KindOneofCase _kind = Value.KindOneofCase.None;

    /// <summary>Points left out because they lack the label field.</summary>
    public long Skipped { get; private set; }

    /// <summary>"text", "integer" or "none": what the exported labels are.</summary>
    public string Kind => _kind switch
    {
        Value.KindOneofCase.StringValue => "text",
        Value.KindOneofCase.IntegerValue => "integer",
        _ => "none",
    };

    /// <summary>The row for <paramref name="point"/>, or null when it is skipped.</summary>
    public ExportRow? Map(Point point)
    {
        var vector = point.Vector.ToArray();
        if (labelField is null)
        {
            return new ExportRow(point.Id, vector, null);
        }

        if (!point.Payload.TryGetValue(labelField, out var value))
        {
            if (requireLabel)
            {
                throw new ExportDataException(
                    $"point {Parsing.Format(point.Id)} has no payload field '{labelField}' (--require-label); "
                    + "nothing was written");
            }

            Skipped++;
            return null;
        }

        var label = value.KindCase switch
        {
            Value.KindOneofCase.StringValue => new ExportLabel(value.StringValue, null),
            Value.KindOneofCase.IntegerValue => new ExportLabel(null, value.IntegerValue),
            _ => throw new ExportDataException(
                $"point {Parsing.Format(point.Id)}: label field '{labelField}' holds {Describe(value)}; "
                + "accepted: a string or an integer"),
        };
        if (_kind == Value.KindOneofCase.None)
        {
            _kind = value.KindCase;
        }
        else if (_kind != value.KindCase)
        {
            throw new ExportDataException(
                $"point {Parsing.Format(point.Id)}: label field '{labelField}' holds {Describe(value)}, "
                + $"but earlier points hold {(_kind == Value.KindOneofCase.StringValue ? "strings" : "integers")}; "
                + "one export has one label type");
        }

        return new ExportRow(point.Id, vector, label);
    }

    private static string Describe(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => "a string",
        Value.KindOneofCase.IntegerValue => "an integer",
        Value.KindOneofCase.DoubleValue => "a double",
        Value.KindOneofCase.BoolValue => "a boolean",
        Value.KindOneofCase.ListValue => "a list",
        Value.KindOneofCase.None => "no value",
        _ => value.KindCase.ToString(),
    };
}
