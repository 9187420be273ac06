// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Google.Protobuf.Collections;
using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Search;
using VectorStudio.Engine.Storage;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.ShardNode.Services;

/// <summary>Maps points, ids and payload values between the contract and the engine.</summary>
public static class PointConversions
{
    public static PointId ToEngine(V1.PointId? id, string what) => id?.KindCase switch
    {
        V1.PointId.KindOneofCase.Num => PointId.FromNumber(id.Num),
        V1.PointId.KindOneofCase.Str => PointId.FromString(id.Str),
        null or V1.PointId.KindOneofCase.None => throw StatusMapping.Invalid($"{what} has no id: set num or str"),
        _ => throw StatusMapping.Invalid($"{what} has an unknown id kind"),
    };

    public static V1.PointId ToContract(PointId id) =>
        id.IsNumber ? new V1.PointId { Num = id.Number } : new V1.PointId { Str = id.Text };

    public static PointStruct ToEngine(V1.Point point, int index)
    {
        ArgumentNullException.ThrowIfNull(point);
        // The description is built only where it can be needed: this runs once per point of every upsert.
        var id = point.Id is { KindCase: V1.PointId.KindOneofCase.Num } number
            ? PointId.FromNumber(number.Num)
            : ToEngine(point.Id, $"point {index}");
        var payload = point.Payload.Count == 0 ? null : ToEngine(point.Payload, $"point {index}");
        return new PointStruct(id, point.Vector.ToArray(), payload);
    }

    public static Dictionary<string, PayloadValue> ToEngine(MapField<string, V1.Value> payload, string what)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var result = new Dictionary<string, PayloadValue>(payload.Count, StringComparer.Ordinal);
        foreach (var (key, value) in payload)
        {
            result[key] = ToEngine(value, $"{what} payload field \"{key}\"", allowList: true);
        }

        return result;
    }

    public static void CopyPayload(IReadOnlyDictionary<string, PayloadValue>? payload, MapField<string, V1.Value> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (payload is null)
        {
            return;
        }

        foreach (var (key, value) in payload)
        {
            target[key] = ToContract(value);
        }
    }

    public static V1.Point ToContract(RetrievedPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var result = new V1.Point { Id = ToContract(point.Id) };
        if (point.Vector is not null)
        {
            result.Vector.Add(point.Vector);
        }

        CopyPayload(point.Payload, result.Payload);
        return result;
    }

    public static V1.ScoredPoint ToContract(ScoredPoint hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var result = new V1.ScoredPoint { Id = ToContract(hit.Id), Score = hit.Score };
        if (hit.Vector is not null)
        {
            result.Vector.Add(hit.Vector);
        }

        CopyPayload(hit.Payload, result.Payload);
        return result;
    }

    public static V1.Value ToContract(PayloadValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Kind switch
        {
            PayloadValueKind.String => new V1.Value { StringValue = value.AsString },
            PayloadValueKind.Integer => new V1.Value { IntegerValue = value.AsInteger },
            PayloadValueKind.Double => new V1.Value { DoubleValue = value.AsDouble },
            PayloadValueKind.Bool => new V1.Value { BoolValue = value.AsBool },
            PayloadValueKind.List => new V1.Value { ListValue = new V1.ListValue { Values = { value.AsList.Select(ToContract) } } },
        };
    }

    private static PayloadValue ToEngine(V1.Value value, string what, bool allowList) => value.KindCase switch
    {
        V1.Value.KindOneofCase.StringValue => PayloadValue.FromString(value.StringValue),
        V1.Value.KindOneofCase.IntegerValue => PayloadValue.FromInteger(value.IntegerValue),
        V1.Value.KindOneofCase.DoubleValue when double.IsFinite(value.DoubleValue) => PayloadValue.FromDouble(value.DoubleValue),
        V1.Value.KindOneofCase.DoubleValue => throw StatusMapping.Invalid($"{what} is {value.DoubleValue}; numbers must be finite"),
        V1.Value.KindOneofCase.BoolValue => PayloadValue.FromBool(value.BoolValue),
        V1.Value.KindOneofCase.ListValue when allowList =>
            PayloadValue.FromList(value.ListValue.Values.Select((v, i) => ToEngine(v, $"{what}[{i}]", allowList: false))),
        V1.Value.KindOneofCase.ListValue => throw StatusMapping.Invalid($"{what} is a list inside a list; lists may not nest"),
        V1.Value.KindOneofCase.None => throw StatusMapping.Invalid($"{what} has no value: set one of string, integer, double, bool, list"),
        _ => throw StatusMapping.Invalid($"{what} has an unknown value kind"),
    };
}
