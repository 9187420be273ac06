// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Api.Schema;

/// <summary>
/// Schema defaults read off <see cref="VectorClusterDefaults.ApplyDefaults"/>, so the values live
/// in one place. A skeleton spec (every optional object of the API present, every scalar unset) is
/// defaulted once: a scalar the result holds is that field's default. An object gets
/// <c>default: {}</c> when <c>ApplyDefaults</c> creates it from nothing, so the API server also
/// fills the scalars inside it. Objects the operator keeps absent (the embedder) get no default.
/// </summary>
internal sealed class SchemaDefaults
{
    private const string SpecPrefix = ".spec.";

    private readonly JsonObject _skeleton;
    private readonly JsonObject _defaulted;

    public SchemaDefaults()
    {
        var skeleton = (V1Alpha1VectorCluster.ClusterSpec)Skeleton(typeof(V1Alpha1VectorCluster.ClusterSpec));
        _skeleton = ToJson(skeleton);
        _defaulted = ToJson(VectorClusterDefaults.ApplyDefaults(skeleton));
    }

    /// <summary>
    /// The default of the property at <paramref name="path"/> (e.g. <c>.spec.sharding.virtualNodes</c>).
    /// </summary>
    public JsonNode? For(string path, PropertyInfo property)
    {
        if (!path.StartsWith(SpecPrefix, StringComparison.Ordinal) || path.Contains("[]", StringComparison.Ordinal)
            || property.GetCustomAttribute<RequiredAttribute>() is not null)
        {
            return null;
        }

        var segments = path[SpecPrefix.Length..].Split('.');
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (!IsApiObject(type))
        {
            return Get(_defaulted, segments) is JsonValue v ? v.DeepClone() : null;
        }

        var probe = (JsonObject)_skeleton.DeepClone();
        (Get(probe, segments[..^1]) as JsonObject)?.Remove(segments[^1]);
        var spec = probe.Deserialize<V1Alpha1VectorCluster.ClusterSpec>(KubeJson.Options)!;
        return Get(ToJson(VectorClusterDefaults.ApplyDefaults(spec)), segments) is JsonObject ? new JsonObject() : null;
    }

    private static bool IsApiObject(Type t)
        => t.IsClass && t != typeof(string) && t.Assembly == typeof(SchemaDefaults).Assembly;

    private static object Skeleton(Type t)
    {
        var value = Activator.CreateInstance(t)!;
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (IsApiObject(p.PropertyType) && p.CanWrite)
            {
                p.SetValue(value, Skeleton(p.PropertyType));
            }
        }

        return value;
    }

    private static JsonObject ToJson(object value)
        => JsonSerializer.SerializeToNode(value, KubeJson.Options)!.AsObject();

    private static JsonNode? Get(JsonNode? node, string[] segments)
    {
        foreach (var s in segments)
        {
            node = (node as JsonObject)?[s];
        }

        return node;
    }
}
