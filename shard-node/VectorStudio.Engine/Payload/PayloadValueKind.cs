// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Payload;

/// <summary>What a <see cref="PayloadValue"/> holds.</summary>
public enum PayloadValueKind
{
    String,
    Integer,
    Double,
    Bool,
    List,
}
