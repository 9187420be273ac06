// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Tests;

public sealed class GoldenManifestTests
{
    public static TheoryData<string> Cases => new() { "small", "gpu-embedder", "custom-storage", "tolerations" };

    private static List<JsonObject> PlanCase(string name)
    {
        var desired = ClusterPlanner.Plan(Fixtures.Load(Golden.Input(name)), ObservedCluster.Empty, Fixtures.Inputs);
        Assert.Empty(desired.ValidationErrors);
        return Fixtures.Json(desired);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_Should_MatchTheGoldenManifest_When_GivenTheCaseInput(string name)
    {
        Golden.Verify(name, PlanCase(name));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_Should_PutAControllerOwnerReferenceAndLabelsOnEveryObject_When_Planning(string name)
    {
        foreach (var o in PlanCase(name))
        {
            var what = $"{o["kind"]} {o["metadata"]!["name"]}";
            var owner = Assert.Single(o["metadata"]!["ownerReferences"]!.AsArray())!;
            Assert.Equal("vectorstudio.io/v1alpha1", owner["apiVersion"]!.GetValue<string>());
            Assert.Equal("VectorCluster", owner["kind"]!.GetValue<string>());
            Assert.Equal("0b9e3c1e-uid", owner["uid"]!.GetValue<string>());
            Assert.True(owner["controller"]!.GetValue<bool>(), what);
            var labels = o["metadata"]!["labels"]!.AsObject();
            foreach (var key in new[] { ClusterLabels.Name, ClusterLabels.Instance, ClusterLabels.Component,
                ClusterLabels.ManagedBy })
            {
                Assert.True(labels.ContainsKey(key), $"{what} lacks label {key}");
            }

            Assert.Equal(o["metadata"]!["namespace"]!.GetValue<string>(),
                Fixtures.Load(Golden.Input(name)).Metadata.Namespace);
            if (o["kind"]!.GetValue<string>() is "StatefulSet" or "PodDisruptionBudget")
            {
                Assert.True(labels.ContainsKey(ClusterLabels.Shard), $"{what} lacks the shard label");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_Should_AskForGpusOnlyWhenTheEmbedderRunsOnCuda_When_Planning(string name)
    {
        var cuda = Fixtures.Load(Golden.Input(name)).Spec.Embedder?.Device == EmbedderDevice.Cuda;
        var objects = PlanCase(name);
        var text = string.Join("\n", objects.Select(o => o.ToJsonString()));

        Assert.Equal(cuda, text.Contains("nvidia.com/gpu", StringComparison.Ordinal));
        foreach (var sts in objects.Where(o => o["kind"]!.GetValue<string>() == "StatefulSet"))
        {
            Assert.DoesNotContain("nvidia.com/gpu", sts.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plan_Should_SetGpuLimitSelectorAndToleration_When_TheEmbedderUsesCuda()
    {
        var deployment = PlanCase("gpu-embedder").Single(o => o["kind"]!.GetValue<string>() == "Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!;

        Assert.Equal("2", pod["containers"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>());
        Assert.Equal("16Gi", pod["containers"]![0]!["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.Equal("true", pod["nodeSelector"]![EmbedderBuilder.GpuNodeLabel]!.GetValue<string>());
        Assert.Contains(pod["tolerations"]!.AsArray(), t => t!["key"]!.GetValue<string>() == "nvidia.com/gpu");
    }

    [Fact]
    public void Samples_Should_PlanWithoutValidationErrors_When_TheRepositorySamplesArePlanned()
    {
        var samples = Directory.GetFiles(Path.Combine(VectorStudio.Tests.RepoPaths.Root, "samples"), "*.yaml");

        Assert.NotEmpty(samples);
        foreach (var file in samples)
        {
            var desired = ClusterPlanner.Plan(Fixtures.Load(File.ReadAllText(file)), ObservedCluster.Empty,
                Fixtures.Inputs);
            Assert.True(desired.ValidationErrors.Count == 0, file + ": " + string.Join("; ", desired.ValidationErrors));
            Assert.NotEmpty(desired.Objects);
        }
    }
}
