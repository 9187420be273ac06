// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace VectorStudio.Operator.Api;

/// <summary>Where the embedder runs inference.</summary>
public enum EmbedderDevice
{
    /// <summary>CPU inference.</summary>
    [JsonStringEnumMemberName("cpu")]
    Cpu,

    /// <summary>NVIDIA GPU through CUDA; pods ask for <c>nvidia.com/gpu</c>.</summary>
    [JsonStringEnumMemberName("cuda")]
    Cuda,
}
