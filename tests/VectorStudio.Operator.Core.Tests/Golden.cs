// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using VectorStudio.Operator.Api.Schema;
using VectorStudio.Operator.Api.Tests;
using VectorStudio.Tests;

namespace VectorStudio.Operator.Core.Tests;

/// <summary>
/// Golden manifests: the planner's output for an input VectorCluster, as multi-document YAML in
/// <c>Golden/&lt;case&gt;.yaml</c>. <c>UPDATE_GOLDEN=1 dotnet test tests/VectorStudio.Operator.Core.Tests</c>
/// rewrites them; otherwise a difference fails with the object and field paths that differ.
/// </summary>
internal static class Golden
{
    public static string Dir { get; } = Path.Combine(RepoPaths.Root, "tests", "VectorStudio.Operator.Core.Tests",
        "Golden");

    public static string Input(string name) => File.ReadAllText(Path.Combine(Dir, name + ".input.yaml"));

    public static string Render(IEnumerable<JsonObject> objects)
        => string.Join("---\n", objects.Select(o => YamlWriter.Write(o)));

    public static void Verify(string name, IReadOnlyList<JsonObject> objects)
    {
        var path = Path.Combine(Dir, name + ".yaml");
        var actual = Render(objects);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        const string Hint = "if the change is intended, rewrite the golden files: "
            + "UPDATE_GOLDEN=1 dotnet test tests/VectorStudio.Operator.Core.Tests";
        Assert.True(File.Exists(path), $"{path} is missing; {Hint}");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var diffs = Diff(YamlJson.ParseAll(expected).Select(n => n!.AsObject()).ToList(), objects);
            var listed = string.Join("\n  ", diffs.Take(25));
            Assert.Fail($"{name}.yaml differs from the planner's output:\n  {listed}\n{Hint}");
        }
    }

    private static List<string> Diff(List<JsonObject> expected, IReadOnlyList<JsonObject> actual)
    {
        static string Key(JsonObject o) => $"{o["kind"]} {o["metadata"]?["name"]}";
        var diffs = new List<string>();
        var byKey = actual.ToDictionary(Key);
        foreach (var e in expected)
        {
            if (!byKey.Remove(Key(e), out var a))
            {
                diffs.Add($"{Key(e)}: expected, not planned");
                continue;
            }

            Compare(Key(e), "", e, a, diffs);
        }

        diffs.AddRange(byKey.Keys.Select(k => $"{k}: planned, not in the golden file"));
        return diffs.Count > 0 ? diffs : ["same objects and fields; the text differs (order or formatting)"];
    }

    private static void Compare(string obj, string path, JsonNode? e, JsonNode? a, List<string> diffs)
    {
        switch (e, a)
        {
            case (JsonObject eo, JsonObject ao):
                foreach (var key in eo.Select(kv => kv.Key).Union(ao.Select(kv => kv.Key)))
                {
                    Compare(obj, $"{path}.{key}", eo[key], ao[key], diffs);
                }

                break;
            case (JsonArray ea, JsonArray aa):
                for (var i = 0; i < Math.Max(ea.Count, aa.Count); i++)
                {
                    Compare(obj, $"{path}[{i}]", i < ea.Count ? ea[i] : null, i < aa.Count ? aa[i] : null, diffs);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(e, a))
                {
                    var want = e?.ToJsonString() ?? "(absent)";
                    var got = a?.ToJsonString() ?? "(absent)";
                    diffs.Add($"{obj}: {path}: expected {want}, got {got}");
                }

                break;
        }
    }
}
