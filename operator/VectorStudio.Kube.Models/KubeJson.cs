// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace VectorStudio.Kube.Models;

/// <summary>
/// The one JSON shape of Kubernetes objects: camelCase names, nulls omitted (so an unset field is
/// absent from an apply patch rather than cleared), enums as strings (member names, or the
/// <see cref="JsonStringEnumMemberNameAttribute"/> a member declares).
/// </summary>
public static class KubeJson
{
    /// <summary>Options every serializer call in the operator uses.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
