// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.ComponentModel;
using VectorStudio.Kube.Models;

namespace VectorStudio.Operator.Api;

/// <summary>
/// The <c>VectorCluster</c> custom resource (<c>vectorstudio.io/v1alpha1</c>): a sharded, replicated
/// Vector Studio database and, optionally, its embedder. Data in <see cref="ClusterSpec"/> and
/// <see cref="ClusterStatus"/>; defaults in <see cref="VectorClusterDefaults"/>; checks the schema
/// cannot express in <see cref="VectorClusterValidator"/>; names in <see cref="VectorClusterNames"/>.
/// </summary>
[Description("A sharded, replicated Vector Studio vector database: shard StatefulSets, Services, "
    + "PodDisruptionBudgets and an optional (GPU) embedder, reconciled by the Vector Studio operator.")]
public sealed partial class V1Alpha1VectorCluster : IKubernetesObject
{
    public const string Group = "vectorstudio.io";
    public const string Version = "v1alpha1";
    public const string KindName = "VectorCluster";
    public const string ListKindName = "VectorClusterList";
    public const string Plural = "vectorclusters";
    public const string Singular = "vectorcluster";
    public const string ShortName = "vc";
    public const string GroupVersion = Group + "/" + Version;

    public string ApiVersion { get; set; } = GroupVersion;

    public string Kind { get; set; } = KindName;

    public ObjectMeta Metadata { get; set; } = new();

    [Description("What the cluster should look like.")]
    public ClusterSpec Spec { get; set; } = new();

    [Description("What the operator last observed. Written by the operator only.")]
    public ClusterStatus? Status { get; set; }
}
