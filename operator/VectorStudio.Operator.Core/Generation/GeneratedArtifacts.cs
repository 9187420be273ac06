// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;
using VectorStudio.Kube.Models;
using VectorStudio.Kube.Models.Rbac;
using VectorStudio.Operator.Api.Schema;
using VectorStudio.Operator.Core.Rbac;

namespace VectorStudio.Operator.Core.Generation;

/// <summary>
/// Every file <c>vector-studio-operator generate</c> writes, by path relative to the repository
/// root, with its exact content. The up-to-date tests compare the committed files with this list.
/// </summary>
public static class GeneratedArtifacts
{
    public const string RegenerateCommand = "dotnet run --project operator/VectorStudio.Operator -- generate";

    public static readonly string CrdPath = "crds/" + CrdGenerator.FileName;
    public static readonly string ChartCrdPath = "charts/vector-studio/crds/" + CrdGenerator.FileName;
    public const string RulesPath = "charts/vector-studio/files/rbac/operator-rules.yaml";
    public const string LeaderElectionRulesPath = "charts/vector-studio/files/rbac/leader-election-rules.yaml";

    private const string RbacHeader =
        "# Generated from operator/VectorStudio.Operator.Core/Rbac/OperatorRbac.cs "
        + "by `vector-studio-operator generate`.\n"
        + "# Do not edit. The chart's templates include it as the rules of a Role or ClusterRole.\n";

    public static IReadOnlyList<(string Path, string Content)> All()
    {
        var crd = CrdGenerator.GenerateYaml();
        return
        [
            (CrdPath, crd),
            (ChartCrdPath, crd),
            (RulesPath, RenderRules(OperatorRbac.Rules)),
            (LeaderElectionRulesPath, RenderRules(OperatorRbac.LeaderElectionRules)),
        ];
    }

    /// <summary>Only the CRD manifest (the <c>crds</c> command).</summary>
    public static string Crd() => CrdGenerator.GenerateYaml();

    public static string RenderRules(IReadOnlyList<PolicyRule> rules)
        => RbacHeader + YamlWriter.Write(JsonSerializer.SerializeToNode(rules, KubeJson.Options)!);
}
