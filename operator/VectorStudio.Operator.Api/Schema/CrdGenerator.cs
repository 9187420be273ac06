// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;

namespace VectorStudio.Operator.Api.Schema;

/// <summary>
/// Generates the <c>vectorclusters.vectorstudio.io</c> CustomResourceDefinition from
/// <see cref="V1Alpha1VectorCluster"/>. Pure: the same types always give the same bytes, which is
/// what the up-to-date test of <c>crds/</c> compares.
/// </summary>
/// <remarks>
/// Scale subresource: <c>kubectl scale vc/NAME --replicas=N</c> sets <c>spec.shards</c>, the axis
/// users grow capacity along; status replicas are <c>status.readyShards</c>. No
/// <c>labelSelectorPath</c> is published, on purpose: without one a HorizontalPodAutoscaler cannot
/// target the resource, and it should not, because every shard-count change moves data.
/// </remarks>
public static class CrdGenerator
{
    public const string FileName = "vectorstudio.io_vectorclusters.yaml";

    public const string Header =
        "# Generated from operator/VectorStudio.Operator.Api by `vector-studio-operator generate`. Do not edit.\n";

    public static string GenerateYaml() => Header + YamlWriter.Write(Generate());

    public static JsonObject Generate()
    {
        var type = typeof(V1Alpha1VectorCluster);
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = V1Alpha1VectorCluster.Plural + "." + V1Alpha1VectorCluster.Group,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "vector-studio" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = V1Alpha1VectorCluster.Group,
                ["names"] = new JsonObject
                {
                    ["kind"] = V1Alpha1VectorCluster.KindName,
                    ["listKind"] = V1Alpha1VectorCluster.ListKindName,
                    ["plural"] = V1Alpha1VectorCluster.Plural,
                    ["singular"] = V1Alpha1VectorCluster.Singular,
                    ["shortNames"] = new JsonArray(V1Alpha1VectorCluster.ShortName),
                    ["categories"] = new JsonArray("vector-studio"),
                },
                ["scope"] = "Namespaced",
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["name"] = V1Alpha1VectorCluster.Version,
                    ["served"] = true,
                    ["storage"] = true,
                    ["subresources"] = new JsonObject
                    {
                        ["status"] = new JsonObject(),
                        ["scale"] = new JsonObject
                        {
                            ["specReplicasPath"] = ".spec.shards",
                            ["statusReplicasPath"] = ".status.readyShards",
                        },
                    },
                    ["additionalPrinterColumns"] = PrinterColumns(),
                    ["schema"] = new JsonObject { ["openAPIV3Schema"] = RootSchema(type) },
                }),
            },
        };
    }

    private static JsonObject RootSchema(Type type)
    {
        var walker = new SchemaWalker(new SchemaDefaults());
        var spec = walker.ForObject(typeof(V1Alpha1VectorCluster.ClusterSpec), ".spec", Describe(type, "Spec"));

        // With spec defaulted to {}, a VectorCluster without a spec is a valid all-defaults cluster.
        spec["default"] = new JsonObject();
        return new JsonObject
        {
            ["description"] = type.GetCustomAttribute<DescriptionAttribute>()!.Description,
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = Field("string", "APIVersion defines the versioned schema of this representation "
                    + "of an object (here vectorstudio.io/v1alpha1)."),
                ["kind"] = Field("string", "Kind is the REST resource this object represents (here VectorCluster)."),
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = spec,
                ["status"] = walker.ForObject(
                    typeof(V1Alpha1VectorCluster.ClusterStatus), ".status", Describe(type, "Status")),
            },
        };
    }

    private static string Describe(Type type, string property)
        => type.GetProperty(property)!.GetCustomAttribute<DescriptionAttribute>()!.Description;

    private static JsonObject Field(string type, string description)
        => new() { ["description"] = description, ["type"] = type };

    private static JsonArray PrinterColumns() =>
    [
        Column("Shards", "integer", ".spec.shards", "Shards asked for"),
        Column("Replicas", "integer", ".spec.replicasPerShard", "Copies of each shard"),
        Column("Ready", "integer", ".status.readyShards", "Shards with every replica ready"),
        Column("Phase", "string", ".status.phase", "Pending, Provisioning, Ready, Updating, Degraded or Invalid"),
        Column("Vectors", "integer", ".status.vectorCount", "Points stored", priority: 1),
        Column("Embedder", "integer", ".status.embedderReadyReplicas", "Ready embedder pods", priority: 1),
        Column("Reason", "string", ".status.phaseReason", "Why the cluster is in this phase", priority: 1),
        Column("Age", "date", ".metadata.creationTimestamp", "Time since creation"),
    ];

    private static JsonObject Column(string name, string type, string path, string description, int priority = 0)
    {
        var column = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["jsonPath"] = path,
            ["description"] = description,
        };
        if (priority > 0)
        {
            column["priority"] = priority;
        }

        return column;
    }
}
