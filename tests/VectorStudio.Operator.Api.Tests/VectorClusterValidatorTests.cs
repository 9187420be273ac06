// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Core;

namespace VectorStudio.Operator.Api.Tests;

public sealed class VectorClusterValidatorTests
{
    private static V1Alpha1VectorCluster Cluster(V1Alpha1VectorCluster.ClusterSpec spec, string name = "demo") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "db" },
        Spec = spec,
    };

    private static string Single(V1Alpha1VectorCluster.ClusterSpec spec, string name = "demo")
        => Assert.Single(VectorClusterValidator.Validate(Cluster(spec, name)));

    [Fact]
    public void Validate_Should_ReturnNothing_When_TheSpecIsEmpty()
    {
        Assert.Empty(VectorClusterValidator.Validate(Cluster(new())));
    }

    [Fact]
    public void Validate_Should_SayHowFarToLowerMinReplicas_When_SemiSyncQuorumExceedsReplicas()
    {
        var message = Single(new()
        {
            ReplicasPerShard = 3,
            Replication = new() { Mode = ReplicationMode.SemiSync, MinReplicas = 3 }
        });

        Assert.Contains("spec.replication.minReplicas is 3 but replicasPerShard is 3", message,
            StringComparison.Ordinal);
        Assert.Contains("lower it to at most 2 or raise replicasPerShard", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Should_AllowMinReplicasAtReplicasPerShard_When_ModeIsAsync()
    {
        Assert.Empty(VectorClusterValidator.Validate(Cluster(new()
        {
            ReplicasPerShard = 1,
            Replication = new() { MinReplicas = 1 }
        })));
    }

    [Fact]
    public void Validate_Should_GiveTheLongestAllowedName_When_StatefulSetNamesWouldExceed52Characters()
    {
        // 12 shards: the longest StatefulSet is "<name>-shard-11" (name + 9 characters), so 43 is the limit.
        var name = new string('a', 44);

        var message = Single(new() { Shards = 12 }, name);

        Assert.Contains("use a name of at most 43 characters", message, StringComparison.Ordinal);
        Assert.Empty(VectorClusterValidator.Validate(Cluster(new() { Shards = 12 }, new string('a', 43))));
    }

    [Fact]
    public void Validate_Should_RejectOnePortForBoth_When_GrpcAndHttpPortsAreEqual()
    {
        var message = Single(new() { Node = new() { GrpcPort = 9000, HttpPort = 9000 } });

        Assert.Contains("choose two different ports", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("0")]
    public void Validate_Should_AskForAPositiveQuantity_When_StorageSizeIsNotOne(string size)
    {
        var message = Single(new() { Node = new() { Storage = new() { Size = size } } });

        Assert.Equal($"spec.node.storage.size '{size}' is not a positive quantity; use e.g. 10Gi", message);
    }

    [Fact]
    public void Validate_Should_NameTheResource_When_ARequestExceedsItsLimit()
    {
        var resources = new ResourceRequirements
        {
            Limits = new() { ["memory"] = "2Gi" },
            Requests = new() { ["memory"] = "3Gi", ["cpu"] = "1" }
        };

        var message = Single(new() { Node = new() { Resources = resources } });

        Assert.Equal(
            "spec.node.resources.requests.memory (3Gi) is above its limit (2Gi); lower the request or raise the limit",
            message);
    }

    [Fact]
    public void Validate_Should_RejectOperatorOwnedFlagsAndVariables_When_ExtraArgsOrEnvRepeatThem()
    {
        var errors = VectorClusterValidator.Validate(Cluster(new()
        {
            Node = new()
            {
                ExtraArgs = ["--search-threads", "4", "--grpc-port=1"],
                ExtraEnv = [new EnvVar { Name = "POD_NAME", Value = "x" }, new EnvVar { Name = "A" },
                    new EnvVar { Name = "A" }],
            },
        }));

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors,
            e => e.StartsWith("spec.node.extraArgs sets --grpc-port, which the operator owns",
                StringComparison.Ordinal));
        Assert.Contains("spec.node.extraEnv sets POD_NAME, which the operator owns; remove it", errors);
        Assert.Contains("spec.node.extraEnv names A twice; keep one entry", errors);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Validate_Should_AskForExactlyOneModelSource_When_TheEmbedderHasNoneOrBoth(bool volume, bool uri)
    {
        var model = new ModelSpec
        {
            Volume = volume ? new ModelVolumeSpec { ClaimName = "models", Path = "m.pt" } : null,
            Uri = uri ? "https://example.org/m.pt" : null,
        };

        var message = Single(new() { Embedder = new() { Model = model } });

        Assert.StartsWith("spec.embedder.model needs exactly one of volume", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmbedderDevice.Cpu, "asks for nvidia.com/gpu but device is cpu; remove it or set device: cuda")]
    [InlineData(EmbedderDevice.Cuda, "names nvidia.com/gpu; remove it and set spec.embedder.gpus instead")]
    public void Validate_Should_KeepGpuCountsInOnePlace_When_ResourcesNameTheGpu(EmbedderDevice device, string expected)
    {
        var message = Single(new()
        {
            Embedder = new()
            {
                Device = device,
                Model = new() { Uri = "file:///m.pt" },
                Resources = new() { Limits = new() { ["nvidia.com/gpu"] = "1" } },
            },
        });

        Assert.Equal("spec.embedder.resources " + expected, message);
    }

    [Fact]
    public void Validate_Should_ReportEveryProblemAtOnce_When_SeveralFieldsAreWrong()
    {
        var errors = VectorClusterValidator.Validate(Cluster(new()
        {
            Node = new() { GrpcPort = 9000, HttpPort = 9000, Storage = new() { Size = "x" } },
            Embedder = new(),
        }));

        Assert.Equal(3, errors.Count);
    }
}
