// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>Status of a condition.</summary>
public enum ConditionStatus
{
    /// <summary>The condition holds.</summary>
    [JsonStringEnumMemberName("True")]
    True,

    /// <summary>It does not.</summary>
    [JsonStringEnumMemberName("False")]
    False,

    /// <summary>Not known.</summary>
    [JsonStringEnumMemberName("Unknown")]
    Unknown,
}
