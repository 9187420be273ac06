// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Payload;

/// <summary>
/// Payload indexes of a collection: every field is indexed (keyword, integer and bool values in
/// inverted indexes, numbers in sorted sets), maintained on upsert and delete under the write lock.
/// </summary>
internal sealed class PayloadIndex
{
    private readonly Dictionary<string, FieldIndex> _fields = new(StringComparer.Ordinal);

    public FieldIndex? Field(string key) => _fields.GetValueOrDefault(key);

    public bool IsIndexed(string key) => _fields.ContainsKey(key);

    public void Add(int slot, IReadOnlyDictionary<string, PayloadValue>? payload)
    {
        if (payload is null)
        {
            return;
        }

        foreach (var (key, value) in payload)
        {
            if (!_fields.TryGetValue(key, out var field))
            {
                field = new FieldIndex();
                _fields[key] = field;
            }

            field.Add(slot, value);
        }
    }

    public void Remove(int slot, IReadOnlyDictionary<string, PayloadValue>? payload)
    {
        if (payload is null)
        {
            return;
        }

        foreach (var (key, value) in payload)
        {
            _fields.GetValueOrDefault(key)?.Remove(slot, value);
        }
    }
}
