// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace VectorStudio.Engine.Wal;

/// <summary>Reads what <see cref="ByteWriter"/> wrote; throws <see cref="InvalidDataException"/> past the end.</summary>
internal ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;

    public ByteReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long I64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double F64() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public float[] Floats(int count)
    {
        var bytes = Take(checked(count * sizeof(float)));
        var values = new float[count];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }

        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }

        return values;
    }

    public ReadOnlySpan<byte> Bytes(int count) => Take(count);

    public string String16() => Encoding.UTF8.GetString(Take(U16()));

    public string String32()
    {
        var count = U32();
        if (count > Remaining)
        {
            throw new InvalidDataException($"a string of {count} bytes runs past the end of the data");
        }

        return Encoding.UTF8.GetString(Take((int)count));
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new InvalidDataException(
                $"truncated data: {count} bytes needed at offset {Position}, {Remaining} left");
        }

        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }
}
