// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;

namespace VectorStudio.Engine.Payload;

/// <summary>
/// The size of a payload as the wire contract encodes it (protobuf <c>map&lt;string, Value&gt;</c>), so
/// the 64 KiB limit means the same thing to the engine and to a client.
/// </summary>
internal static class PayloadSize
{
    public static int Of(IReadOnlyDictionary<string, PayloadValue>? payload)
    {
        if (payload is null)
        {
            return 0;
        }

        var total = 0;
        foreach (var (key, value) in payload)
        {
            var keyBytes = Encoding.UTF8.GetByteCount(key);
            var valueBytes = ValueBytes(value);
            var entry = 1 + VarintBytes((ulong)keyBytes) + keyBytes + 1 + VarintBytes((ulong)valueBytes) + valueBytes;
            total += 1 + VarintBytes((ulong)entry) + entry;
        }

        return total;
    }

    private static int ValueBytes(PayloadValue value)
    {
        switch (value.Kind)
        {
            case PayloadValueKind.String:
                var n = Encoding.UTF8.GetByteCount(value.AsString);
                return 1 + VarintBytes((ulong)n) + n;
            case PayloadValueKind.Integer:
                return 1 + VarintBytes((ulong)value.AsInteger);
            case PayloadValueKind.Double:
                return 9;
            case PayloadValueKind.Bool:
                return 2;
            case PayloadValueKind.List:
                var list = 0;
                foreach (var item in value.AsList)
                {
                    var itemBytes = ValueBytes(item);
                    list += 1 + VarintBytes((ulong)itemBytes) + itemBytes;
                }

                return 1 + VarintBytes((ulong)list) + list;
            default:
                throw new InvalidOperationException($"unknown payload kind {value.Kind}");
        }
    }

    private static int VarintBytes(ulong value)
    {
        var bytes = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            bytes++;
        }

        return bytes;
    }
}
