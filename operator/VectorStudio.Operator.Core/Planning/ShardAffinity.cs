// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>
/// The affinity of a shard's pods: the user's node and pod affinity as given, and pod anti-affinity
/// that spreads one shard's replicas over nodes (<c>kubernetes.io/hostname</c>) unless the user
/// gave their own podAntiAffinity, which then replaces it.
/// </summary>
public static class ShardAffinity
{
    public const string HostnameTopologyKey = "kubernetes.io/hostname";

    public static Affinity? Build(string cluster, int shard, PodTemplateOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var user = overrides.Affinity;
        var anti = user?.PodAntiAffinity ?? Spread(cluster, shard, overrides.AntiAffinity!.Value);
        if (user?.NodeAffinity is null && user?.PodAffinity is null && anti is null)
        {
            return null;
        }

        return new Affinity
        {
            NodeAffinity = user?.NodeAffinity,
            PodAffinity = user?.PodAffinity,
            PodAntiAffinity = anti,
        };
    }

    private static PodAntiAffinity? Spread(string cluster, int shard, AntiAffinityMode mode)
    {
        var term = new PodAffinityTerm
        {
            LabelSelector = new LabelSelector
            {
                MatchLabels = ClusterLabels.Selector(cluster, ClusterLabels.ShardComponent, shard),
            },
            TopologyKey = HostnameTopologyKey,
        };
        return mode switch
        {
            AntiAffinityMode.Preferred => new PodAntiAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                    [new WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = term }],
            },
            AntiAffinityMode.Required =>
                new PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] },
            AntiAffinityMode.None => null,
        };
    }
}
