// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Payload;

/// <summary>
/// The type of a payload field, fixed by the first value a collection sees for it (a list's type is
/// its elements' type).
/// </summary>
public enum PayloadFieldType
{
    Keyword,
    Integer,
    Double,
    Bool,
}
