// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// Labels on every object a VectorCluster owns. Selectors use the stable subset (name, instance,
/// component, shard): a StatefulSet's selector is immutable, so it never includes anything that
/// could change.
/// </summary>
public static class ClusterLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Component = "app.kubernetes.io/component";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Shard = "vectorstudio.io/shard";

    public const string AppName = "vector-studio";
    public const string Manager = "vector-studio-operator";

    public const string ShardComponent = "shard";
    public const string EmbedderComponent = "embedder";
    public const string TopologyComponent = "topology";
    public const string AuthComponent = "auth";

    /// <summary>Labels that select the objects of one component (and shard).</summary>
    public static Dictionary<string, string> Selector(string cluster, string component, int? shard = null)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Name] = AppName,
            [Instance] = cluster,
            [Component] = component,
        };
        if (shard is { } s)
        {
            labels[Shard] = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return labels;
    }

    /// <summary>The selector labels plus managed-by: what objects and pod templates carry.</summary>
    public static Dictionary<string, string> For(string cluster, string component, int? shard = null)
    {
        var labels = Selector(cluster, component, shard);
        labels[ManagedBy] = Manager;
        return labels;
    }

    /// <summary>Metadata of an owned object: name, namespace, labels and the controller owner reference.</summary>
    public static ObjectMeta Meta(V1Alpha1VectorCluster cluster, string name, string component, int? shard = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new ObjectMeta
        {
            Name = name,
            Namespace = cluster.Metadata.Namespace,
            Labels = For(cluster.Metadata.Name!, component, shard),
            OwnerReferences = [cluster.ControllerReference()],
        };
    }
}
