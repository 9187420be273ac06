// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace VectorStudio.Kube.Models.Core;

/// <summary>CPU, memory and extended resources (e.g. nvidia.com/gpu) requested and limited.</summary>
public sealed class ResourceRequirements
{
    [Description("Maximum amounts, by resource name; quantities such as 2, 500m, 4Gi.")]
    [IntOrString]
    [JsonConverter(typeof(IntOrStringDictionaryConverter))]
    public Dictionary<string, string>? Limits { get; set; }

    [Description("Amounts the scheduler reserves, by resource name; quantities such as 2, 500m, 4Gi.")]
    [IntOrString]
    [JsonConverter(typeof(IntOrStringDictionaryConverter))]
    public Dictionary<string, string>? Requests { get; set; }
}
