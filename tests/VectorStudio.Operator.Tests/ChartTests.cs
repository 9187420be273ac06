// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VectorStudio.Operator.Api.Tests;
using VectorStudio.Tests;

namespace VectorStudio.Operator.Tests;

/// <summary>
/// What can be checked of the Helm chart without a helm binary: plain YAML parses, values.yaml
/// satisfies values.schema.json, templates only reference values and files that exist and have
/// balanced actions, and the e2e workflow pins its actions.
/// </summary>
public sealed partial class ChartTests
{
    private static readonly string Chart = Path.Combine(RepoPaths.Root, "charts", "vector-studio");

    private static JsonObject Values => YamlJson.Parse(File.ReadAllText(Path.Combine(Chart, "values.yaml")))!.AsObject();

    private static JsonObject Schema => JsonNode.Parse(File.ReadAllText(Path.Combine(Chart, "values.schema.json")))!.AsObject();

    private static IEnumerable<string> Templates => Directory.GetFiles(Path.Combine(Chart, "templates"));

    [Fact]
    public void PlainYaml_Should_Parse_When_ItIsNotATemplate()
    {
        var files = ((string[])[Path.Combine(Chart, "Chart.yaml"), Path.Combine(Chart, "values.yaml")])
            .Concat(Directory.GetFiles(Path.Combine(Chart, "crds")))
            .Concat(Directory.GetFiles(Path.Combine(Chart, "files"), "*.yaml", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples")))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, ".github", "workflows")));

        foreach (var file in files)
        {
            var docs = YamlJson.ParseAll(File.ReadAllText(file));
            Assert.True(docs.Count > 0 && docs.All(d => d is not null), file + " parsed to nothing");
        }
    }

    [Fact]
    public void Chart_Should_DeclareNameVersionAndKubeVersion_When_Read()
    {
        var chart = YamlJson.Parse(File.ReadAllText(Path.Combine(Chart, "Chart.yaml")))!;

        Assert.Equal("v2", chart["apiVersion"]!.GetValue<string>());
        Assert.Equal("vector-studio", chart["name"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+$", chart["version"]!.GetValue<string>());
        Assert.Equal(">=1.28.0-0", chart["kubeVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Values_Should_SatisfyTheValuesSchema_When_Unchanged()
    {
        var errors = ValuesSchemaValidator.Validate(Values, Schema);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void ValuesSchema_Should_RejectWrongValues_When_TypesEnumsBoundsOrKeysAreWrong()
    {
        var values = Values;
        values["replicaCount"] = "two";
        values["logLevel"] = "Loud";
        values["httpPort"] = 80;
        values["watch"]!["namespaces"] = new JsonArray("Not_A_Namespace");
        values["unknown"] = true;

        var errors = ValuesSchemaValidator.Validate(values, Schema);

        Assert.Contains("values.replicaCount: expected integer, got \"two\"", errors);
        Assert.Contains(errors, e => e.StartsWith("values.logLevel: \"Loud\" is not one of", StringComparison.Ordinal));
        Assert.Contains("values.httpPort: 80 is below the minimum 1024", errors);
        Assert.Contains(errors, e => e.StartsWith("values.watch.namespaces[0]: 'Not_A_Namespace' does not match", StringComparison.Ordinal));
        Assert.Contains("values.unknown: not allowed by the schema", errors);
    }

    [Fact]
    public void Templates_Should_ReferenceOnlyValuesThatExist_When_Scanned()
    {
        var values = Values;
        var missing = new List<string>();
        foreach (var file in Templates)
        {
            foreach (Match m in ValuesReference().Matches(File.ReadAllText(file)))
            {
                JsonNode? node = values;
                foreach (var segment in m.Groups[1].Value.TrimStart('.').Split('.'))
                {
                    node = node is JsonObject o && o.TryGetPropertyValue(segment, out var child) ? child ?? JsonValue.Create("") : null;
                }

                if (node is null)
                {
                    missing.Add($"{Path.GetFileName(file)}: .Values{m.Groups[1].Value}");
                }
            }
        }

        Assert.True(missing.Count == 0, "not in values.yaml: " + string.Join(", ", missing));
    }

    [Fact]
    public void Values_Should_AllBeUsedByATemplate_When_Scanned()
    {
        var text = string.Concat(Templates.Select(File.ReadAllText));

        var unused = Values.Select(kv => kv.Key).Where(k => !text.Contains(".Values." + k, StringComparison.Ordinal)).ToList();

        Assert.True(unused.Count == 0, "values no template reads: " + string.Join(", ", unused));
    }

    [Fact]
    public void Templates_Should_ReadOnlyChartFilesThatExist_When_Scanned()
    {
        var gets = Templates.SelectMany(f => FilesGet().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToList();

        Assert.Contains("files/rbac/operator-rules.yaml", gets);
        Assert.All(gets, g => Assert.True(File.Exists(Path.Combine(Chart, g)), g + " does not exist in the chart"));
    }

    [Fact]
    public void Templates_Should_BalanceActionsAndBlocks_When_Scanned()
    {
        foreach (var file in Templates)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            Assert.True(Count(text, "{{") == Count(text, "}}"), name + ": unbalanced {{ }}");
            var opens = BlockOpen().Count(text);
            var ends = BlockEnd().Count(text);
            Assert.True(opens == ends, $"{name}: {opens} if/range/with/define blocks but {ends} ends");
        }
    }

    [Fact]
    public void E2eWorkflow_Should_PinEveryActionBySha_When_Read()
    {
        var workflow = File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", "operator-e2e.yml"));
        var uses = Uses().Matches(workflow).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches(@"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d", u));
    }

    private static int Count(string text, string token) => (text.Length - text.Replace(token, "", StringComparison.Ordinal).Length) / token.Length;

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z0-9_]+)+)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex("\\.Files\\.Get \"([^\"]+)\"")]
    private static partial Regex FilesGet();

    [GeneratedRegex(@"\{\{-?\s*(if|range|with|define)\b")]
    private static partial Regex BlockOpen();

    [GeneratedRegex(@"\{\{-?\s*end\b")]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"uses:\s*(\S+(?: # v\S+)?)")]
    private static partial Regex Uses();
}
