// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.EmbedderNode.Configuration;
using VectorStudio.Hosting;
using VectorStudio.Kube.Models;
using VectorStudio.Operator.Api;
using VectorStudio.Operator.Core.Planning;

namespace VectorStudio.EmbedderNode.Tests;

/// <summary>
/// The contract between the operator and the embedder: the args the planner gives the embedder container
/// parse and bind in the embedder's own option table (a flag the embedder does not know exits 2 in the pod).
/// </summary>
public sealed class OperatorArgsContractTests
{
    [Fact]
    public void Bind_Should_AcceptThePlannersArgs_When_TheModelIsAUri()
    {
        var digest = new string('d', 64);
        var args = PlannedArgs(new ModelSpec { Uri = "https://models.example.org/minilm.tar.gz#sha256=" + digest });
        var parsed = OptionParser.Parse(EmbedderOptionDefinitions.All, args, new Dictionary<string, string>());
        var errors = new List<string>(parsed.Errors);

        var options = EmbedderOptions.Bind(parsed.Values, errors);

        Assert.Empty(errors);
        Assert.NotNull(options);
        Assert.Equal("https://models.example.org/minilm.tar.gz", options.ModelUri!.Location.AbsoluteUri);
        Assert.Equal(digest, options.ModelUri.Sha256);
        Assert.Equal(EmbedderBuilder.ModelCachePath, options.Fetch.CacheDirectory);
        Assert.Equal(EmbedderBuilder.GrpcPort, options.Server.GrpcPort);
    }

    [Fact]
    public void Parse_Should_KnowEveryFlag_When_TheModelIsOnAVolume()
    {
        var args = PlannedArgs(new ModelSpec { Volume = new ModelVolumeSpec { ClaimName = "models", Path = "minilm" } });

        var parsed = OptionParser.Parse(EmbedderOptionDefinitions.All, args, new Dictionary<string, string>());

        // Binding would look for /models/minilm, which exists only in the pod; every flag must still be known.
        Assert.Empty(parsed.Errors);
        Assert.Equal("/models/minilm", parsed.Values.GetString(EmbedderOptionDefinitions.ModelDir));
    }

    private static string[] PlannedArgs(ModelSpec model)
    {
        var cluster = new V1Alpha1VectorCluster
        {
            Metadata = new ObjectMeta { Name = "demo", Namespace = "db", Uid = "uid-1", Generation = 1 },
            Spec = new V1Alpha1VectorCluster.ClusterSpec { Embedder = new EmbedderSpec { Model = model } },
        };
        var deployment = EmbedderBuilder.Deployment(cluster, VectorClusterDefaults.ApplyDefaults(cluster.Spec));
        return [.. Assert.Single(deployment.Spec!.Template.Spec!.Containers).Args!];
    }
}
