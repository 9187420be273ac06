// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Core;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Tests.Planning;

public sealed class ShardAffinityTests
{
    [Fact]
    public void Build_Should_PreferSpreadingAShardOverHosts_When_NothingIsGiven()
    {
        var affinity = ShardAffinity.Build("demo", 2,
            new PodTemplateOverrides { AntiAffinity = AntiAffinityMode.Preferred })!;

        var term = Assert.Single(affinity.PodAntiAffinity!.PreferredDuringSchedulingIgnoredDuringExecution!);
        Assert.Equal(100, term.Weight);
        Assert.Equal("kubernetes.io/hostname", term.PodAffinityTerm.TopologyKey);
        Assert.Equal("2", term.PodAffinityTerm.LabelSelector!.MatchLabels![ClusterLabels.Shard]);
        Assert.Null(affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
    }

    [Fact]
    public void Build_Should_RequireSpreading_When_ModeIsRequired()
    {
        var affinity = ShardAffinity.Build("demo", 0,
            new PodTemplateOverrides { AntiAffinity = AntiAffinityMode.Required })!;

        Assert.Single(affinity.PodAntiAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!);
    }

    [Fact]
    public void Build_Should_ReturnNull_When_ModeIsNoneAndNoAffinityIsGiven()
    {
        Assert.Null(ShardAffinity.Build("demo", 0, new PodTemplateOverrides { AntiAffinity = AntiAffinityMode.None }));
    }

    [Fact]
    public void Build_Should_UseTheUsersAntiAffinity_When_TheSpecGivesOne()
    {
        var mine = new PodAntiAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = [new PodAffinityTerm { TopologyKey = "zone" }],
        };

        var affinity = ShardAffinity.Build("demo", 0, new PodTemplateOverrides
        {
            AntiAffinity = AntiAffinityMode.Preferred,
            Affinity = new Affinity { PodAntiAffinity = mine },
        })!;

        Assert.Same(mine, affinity.PodAntiAffinity);
    }
}
