// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Payload;
using VectorStudio.Engine.Storage;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// The binary form of ids, vectors and payloads, shared by WAL records and snapshots
/// (docs/storage.md, "Ids and payloads").
/// </summary>
internal static class PointCodec
{
    private const byte NumberId = 0;
    private const byte StringId = 1;

    public static void WriteId(ByteWriter w, PointId id)
    {
        if (id.IsNumber)
        {
            w.U8(NumberId);
            w.U64(id.Number);
        }
        else
        {
            w.U8(StringId);
            w.String16(id.Text!);
        }
    }

    public static PointId ReadId(ref ByteReader r) => r.U8() switch
    {
        NumberId => PointId.FromNumber(r.U64()),
        StringId => PointId.FromString(r.String16()),
        var tag => throw new InvalidDataException($"unknown id tag {tag}"),
    };

    /// <summary>A u16 field count (0 = no payload), then key and value per field.</summary>
    public static void WritePayload(ByteWriter w, IReadOnlyDictionary<string, PayloadValue>? payload)
    {
        if (payload is null)
        {
            w.U16(0);
            return;
        }

        w.U16(checked((ushort)payload.Count));
        foreach (var (key, value) in payload)
        {
            w.String16(key);
            WriteValue(w, value);
        }
    }

    public static Dictionary<string, PayloadValue>? ReadPayload(ref ByteReader r)
    {
        int count = r.U16();
        if (count == 0)
        {
            return null;
        }

        var payload = new Dictionary<string, PayloadValue>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = r.String16();
            payload[key] = ReadValue(ref r, allowList: true);
        }

        return payload;
    }

    private static void WriteValue(ByteWriter w, PayloadValue value)
    {
        w.U8((byte)value.Kind);
        switch (value.Kind)
        {
            case PayloadValueKind.String:
                w.String32(value.AsString);
                break;
            case PayloadValueKind.Integer:
                w.I64(value.AsInteger);
                break;
            case PayloadValueKind.Double:
                w.F64(value.AsDouble);
                break;
            case PayloadValueKind.Bool:
                w.U8(value.AsBool ? (byte)1 : (byte)0);
                break;
            case PayloadValueKind.List:
                w.U32((uint)value.AsList.Count);
                foreach (var item in value.AsList)
                {
                    WriteValue(w, item);
                }

                break;
            default:
                throw new InvalidOperationException($"payload kind {value.Kind} has no encoding");
        }
    }

    private static PayloadValue ReadValue(ref ByteReader r, bool allowList)
    {
        var kind = (PayloadValueKind)r.U8();
        switch (kind)
        {
            case PayloadValueKind.String:
                return PayloadValue.FromString(r.String32());
            case PayloadValueKind.Integer:
                return PayloadValue.FromInteger(r.I64());
            case PayloadValueKind.Double:
                return PayloadValue.FromDouble(r.F64());
            case PayloadValueKind.Bool:
                return PayloadValue.FromBool(r.U8() != 0);
            case PayloadValueKind.List when allowList:
                var count = r.U32();
                if (count > r.Remaining)
                {
                    throw new InvalidDataException($"a payload list of {count} items runs past the end of the data");
                }

                var items = new PayloadValue[count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ReadValue(ref r, allowList: false);
                }

                return PayloadValue.FromList(items);
            default:
                throw new InvalidDataException($"unknown payload value kind {(int)kind}");
        }
    }
}
