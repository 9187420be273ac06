// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace VectorStudio.Engine.Wal;

/// <summary>
/// A growable little-endian byte buffer for the WAL and snapshot encoders. A pooled writer
/// (<see cref="Rent"/>) takes its buffer from <see cref="ArrayPool{T}.Shared"/> and gives it back in
/// <see cref="Return"/>: upsert records are encoded on every request, and at 100 × 128-d points each is
/// about 52 KB of garbage otherwise.
/// </summary>
internal sealed class ByteWriter
{
    private readonly bool _pooled;
    private byte[] _buffer;

    public ByteWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    private ByteWriter(byte[] buffer)
    {
        _buffer = buffer;
        _pooled = true;
    }

    /// <summary>A writer whose buffer comes from the shared pool; call <see cref="Return"/> once it is written out.</summary>
    public static ByteWriter Rent(int capacity) => new(ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16)));

    /// <summary>Gives a pooled buffer back (a no-op for an unpooled writer); the writer is empty and unusable after.</summary>
    public void Return()
    {
        if (_pooled && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        Length = 0;
    }

    public int Length { get; private set; }

    public Span<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Reserves <paramref name="count"/> zero bytes to fill in later; returns their offset.</summary>
    public int Skip(int count)
    {
        var at = Length;
        Take(count).Clear();
        return at;
    }

    public void U8(byte value) => Take(1)[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

    public void I64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void F64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Take(8), value);

    public void Floats(ReadOnlySpan<float> values)
    {
        var bytes = MemoryMarshal.AsBytes(values);
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(Take(bytes.Length));
            return;
        }

        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(Take(4), value);
        }
    }

    public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    /// <summary>A UTF-8 string behind a u16 length.</summary>
    public void String16(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        U16(checked((ushort)count));
        Encoding.UTF8.GetBytes(value, Take(count));
    }

    /// <summary>A UTF-8 string behind a u32 length.</summary>
    public void String32(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        U32((uint)count);
        Encoding.UTF8.GetBytes(value, Take(count));
    }

    private Span<byte> Take(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Grow(Math.Max(Length + count, _buffer.Length * 2));
        }

        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    private void Grow(int size)
    {
        if (!_pooled)
        {
            Array.Resize(ref _buffer, size);
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
