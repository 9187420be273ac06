// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using VectorStudio.Operator.Api.Schema;

namespace VectorStudio.Operator.Api.Tests;

public sealed class CrdGeneratorTests
{
    private static readonly JsonObject Crd = YamlJson.Parse(CrdGenerator.GenerateYaml())!.AsObject();

    private static JsonObject Version => Crd["spec"]!["versions"]![0]!.AsObject();

    private static JsonObject Root => Version["schema"]!["openAPIV3Schema"]!.AsObject();

    [Fact]
    public void GenerateYaml_Should_ParseToTheGeneratedTree_When_ReadByAYamlParser()
    {
        Assert.True(JsonNode.DeepEquals(CrdGenerator.Generate(), Crd));
    }

    [Fact]
    public void GenerateYaml_Should_BeAStructuralSchema_When_CheckedByTheApiServersRules()
    {
        var problems = StructuralSchemaChecker.Check(Root);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void StructuralSchemaChecker_Should_Report_When_ASchemaBreaksTheRules()
    {
        // The checker itself must be able to fail: a schema with every mistake it looks for.
        var bad = JsonNode.Parse("""
            {"type":"object","properties":{
              "a":{"type":["string","null"],"description":"x"},
              "b":{"type":"string"},
              "c":{"$ref":"#/x","description":"x"},
              "d":{"type":"integer","description":"x","minimum":1,"default":0},
              "e":{"type":"array","description":"x","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["k"],
                   "items":{"type":"object","properties":{"k":{"type":"string","description":"x"}}}}}}
            """)!.AsObject();

        var problems = StructuralSchemaChecker.Check(bad);

        Assert.Contains(problems, p => p.StartsWith(".a: no single type", StringComparison.Ordinal));
        Assert.Contains(".b: no description", problems);
        Assert.Contains(".c: forbidden keyword '$ref'", problems);
        Assert.Contains(".d: default 0 is outside minimum/maximum", problems);
        Assert.Contains(".e: list-map key 'k' is not required in the item schema", problems);
    }

    [Fact]
    public void Generate_Should_DeclareNamesSubresourcesAndPrinterColumns_When_Generated()
    {
        Assert.Equal("vectorclusters.vectorstudio.io", Crd["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("vc", Crd["spec"]!["names"]!["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("Namespaced", Crd["spec"]!["scope"]!.GetValue<string>());
        Assert.NotNull(Version["subresources"]!["status"]);
        Assert.Equal(".spec.shards", Version["subresources"]!["scale"]!["specReplicasPath"]!.GetValue<string>());
        var columns = Version["additionalPrinterColumns"]!.AsArray()
            .Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["Shards", "Replicas", "Ready", "Phase", "Vectors", "Embedder", "Reason", "Age"], columns);
    }

    [Fact]
    public void Generate_Should_PointPrinterColumnsAndScaleAtFieldsOfTheSchema_When_Generated()
    {
        var paths = Version["additionalPrinterColumns"]!.AsArray().Select(c => c!["jsonPath"]!.GetValue<string>())
            .Concat([".spec.shards", ".status.readyShards"])
            .Where(p => !p.StartsWith(".metadata", StringComparison.Ordinal));
        foreach (var path in paths)
        {
            JsonNode? node = Root;
            foreach (var segment in path.TrimStart('.').Split('.'))
            {
                node = node?["properties"]?[segment];
            }

            Assert.True(node is not null, $"{path} is not a field of the schema");
        }
    }

    [Theory]
    [InlineData(".spec", "self.replication.minReplicas < self.replicasPerShard")]
    [InlineData(".spec.embedder.model", "has(self.volume) != has(self.uri)")]
    [InlineData(".spec.sharding.strategy", "self == oldSelf")]
    [InlineData(".spec.node", "self.grpcPort != self.httpPort")]
    public void Generate_Should_CarryCelRules_When_TheSchemaCannotExpressARule(string path, string ruleFragment)
    {
        var rules = At(path)["x-kubernetes-validations"]!.AsArray();

        Assert.Contains(rules, r => r!["rule"]!.GetValue<string>().Contains(ruleFragment, StringComparison.Ordinal)
            && r["message"]!.GetValue<string>().Length > 20);
    }

    [Theory]
    [InlineData(".spec.shards", 1, 256)]
    [InlineData(".spec.replicasPerShard", 1, 9)]
    [InlineData(".spec.sharding.virtualNodes", 1, 4096)]
    [InlineData(".spec.embedder.gpus", 1, 16)]
    public void Generate_Should_BoundIntegers_When_TheTypeDeclaresARange(string path, long min, long max)
    {
        Assert.Equal(min, At(path)["minimum"]!.GetValue<long>());
        Assert.Equal(max, At(path)["maximum"]!.GetValue<long>());
    }

    [Fact]
    public void Generate_Should_ListEnumValuesByTheirJsonNames_When_APropertyIsAnEnum()
    {
        Assert.Equal(["async", "sync", "semiSync"],
            At(".spec.replication.mode")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["cpu", "cuda"],
            At(".spec.embedder.device")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Generate_Should_MarkQuantitiesIntOrString_When_AResourceMapIsDeclared()
    {
        var limits = At(".spec.node.resources.limits")["additionalProperties"]!;

        Assert.True(limits["x-kubernetes-int-or-string"]!.GetValue<bool>());
    }

    internal static JsonObject At(string path)
    {
        JsonNode? node = Root;
        foreach (var segment in path.TrimStart('.').Split('.'))
        {
            node = node?["properties"]?[segment];
        }

        return node?.AsObject() ?? throw new InvalidOperationException(path + " not in the schema");
    }
}
