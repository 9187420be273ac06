// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Models.Apps;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.Operator.Core.Tests.Planning;

public sealed class EmbedderBuilderTests
{
    [Fact]
    public void Deployment_Should_GiveAWritableModelCache_When_TheModelIsAUri()
    {
        var deployment = Build(new ModelSpec { Uri = "https://models.example.org/minilm.tar.gz#sha256=" + new string('a', 64) });

        var pod = deployment.Spec!.Template.Spec!;
        var container = Assert.Single(pod.Containers);
        var args = container.Args!;
        var uriAt = args.IndexOf("--model-uri");
        Assert.Equal("https://models.example.org/minilm.tar.gz#sha256=" + new string('a', 64), args[uriAt + 1]);
        Assert.Equal(EmbedderBuilder.ModelCachePath, args[args.IndexOf("--model-cache-dir") + 1]);
        Assert.DoesNotContain("--model-dir", args);
        var volume = Assert.Single(pod.Volumes!, v => v.Name == EmbedderBuilder.ModelCacheVolume);
        Assert.NotNull(volume.EmptyDir);
        var mount = Assert.Single(container.VolumeMounts!, m => m.Name == EmbedderBuilder.ModelCacheVolume);
        Assert.Equal(EmbedderBuilder.ModelCachePath, mount.MountPath);
        Assert.NotEqual(true, mount.ReadOnly);
        Assert.DoesNotContain(pod.Volumes!, v => v.Name == "model");
    }

    [Fact]
    public void Deployment_Should_MountTheClaimAndNoCache_When_TheModelIsOnAVolume()
    {
        var deployment = Build(new ModelSpec { Volume = new ModelVolumeSpec { ClaimName = "models", Path = "minilm" } });

        var pod = deployment.Spec!.Template.Spec!;
        var container = Assert.Single(pod.Containers);
        Assert.Equal("/models/minilm", container.Args![container.Args.IndexOf("--model-dir") + 1]);
        Assert.DoesNotContain("--model-uri", container.Args);
        Assert.DoesNotContain("--model-cache-dir", container.Args);
        Assert.DoesNotContain(pod.Volumes!, v => v.Name == EmbedderBuilder.ModelCacheVolume);
        Assert.DoesNotContain(container.VolumeMounts!, m => m.Name == EmbedderBuilder.ModelCacheVolume);
        Assert.True(Assert.Single(container.VolumeMounts!, m => m.Name == "model").ReadOnly);
    }

    private static Deployment Build(ModelSpec model)
    {
        var cluster = Fixtures.Cluster(new V1Alpha1VectorCluster.ClusterSpec { Embedder = new EmbedderSpec { Model = model } });
        return EmbedderBuilder.Deployment(cluster, VectorClusterDefaults.ApplyDefaults(cluster.Spec));
    }
}
