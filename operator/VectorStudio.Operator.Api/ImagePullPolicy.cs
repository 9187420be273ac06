// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>When the kubelet pulls a container image.</summary>
public enum ImagePullPolicy
{
    /// <summary>Every pod start.</summary>
    [JsonStringEnumMemberName("Always")]
    Always,

    /// <summary>Only when the node lacks the image.</summary>
    [JsonStringEnumMemberName("IfNotPresent")]
    IfNotPresent,

    /// <summary>Never; the image must be on the node.</summary>
    [JsonStringEnumMemberName("Never")]
    Never,
}
