// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Operator.Api.Tests;
using VectorStudio.Operator.Core.Generation;
using VectorStudio.Operator.Core.Rbac;
using VectorStudio.Tests;

namespace VectorStudio.Operator.Core.Tests;

public sealed class GeneratedArtifactsTests
{
    public static TheoryData<string> Paths => [.. GeneratedArtifacts.All().Select(a => a.Path)];

    [Theory]
    [MemberData(nameof(Paths))]
    public void All_Should_MatchTheCommittedFile_When_TheRepositoryIsUpToDate(string path)
    {
        var content = GeneratedArtifacts.All().Single(a => a.Path == path).Content;
        var file = Path.Combine(RepoPaths.Root, path);

        Assert.True(File.Exists(file), $"{path} is missing; generate it with: {GeneratedArtifacts.RegenerateCommand}");
        Assert.True(File.ReadAllText(file) == content,
            $"{path} is out of date with the C# types or RBAC rules; regenerate it with: "
            + GeneratedArtifacts.RegenerateCommand);
    }

    [Fact]
    public void Rules_Should_NeverListOrWatchSecrets_When_Declared()
    {
        var secrets = OperatorRbac.Rules.Where(r => r.Resources.Contains("secrets")).SelectMany(r => r.Verbs).ToList();

        Assert.Equal(["get", "create"], secrets);
        Assert.DoesNotContain(OperatorRbac.Rules, r => r.Verbs.Contains("*") || r.Resources.Contains("*"));
    }

    [Fact]
    public void RenderRules_Should_ParseBackToTheDeclaredRules_When_Rendered()
    {
        var parsed = YamlJson.Parse(GeneratedArtifacts.RenderRules(OperatorRbac.Rules))!.AsArray();

        Assert.Equal(OperatorRbac.Rules.Count, parsed.Count);
        Assert.Equal("vectorclusters/status", parsed[1]!["resources"]![0]!.GetValue<string>());
        Assert.Equal("",
            parsed.First(r => r!["resources"]![0]!.GetValue<string>() == "pods")!["apiGroups"]![0]!.GetValue<string>());
    }
}
