// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Engine.Filtering;

/// <summary>What a <see cref="Condition"/> tests.</summary>
public enum ConditionKind
{
    /// <summary>A keyword field equals a string.</summary>
    MatchKeyword,

    /// <summary>An integer field equals an integer.</summary>
    MatchInteger,

    /// <summary>A bool field equals a boolean.</summary>
    MatchBool,

    /// <summary>A keyword field equals one of several strings.</summary>
    AnyKeyword,

    /// <summary>An integer field equals one of several integers.</summary>
    AnyInteger,

    /// <summary>A numeric (integer or double) field lies within bounds.</summary>
    Range,

    /// <summary>The point's id is one of several ids.</summary>
    HasId,

    /// <summary>A nested filter holds.</summary>
    Nested,
}
