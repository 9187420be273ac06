// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VectorStudio.Kube.Fake;

/// <summary>
/// Kubernetes label selectors: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>,
/// <c>k notin (a,b)</c>, <c>k</c> (exists), <c>!k</c> (absent), joined by commas (AND).
/// </summary>
public sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _terms = [];

    private LabelSelector()
    {
    }

    public static LabelSelector Everything { get; } = new();

    /// <summary>Parses a selector; throws <see cref="FakeApiException"/> (400) when malformed.</summary>
    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in SplitTerms(text))
        {
            var term = raw.Trim();
            Match m;
            if ((m = SetTerm().Match(term)).Success)
            {
                var key = m.Groups[1].Value;
                var values = m.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                var isIn = m.Groups[2].Value == "in";
                selector._terms.Add(l => l.TryGetValue(key, out var v) ? values.Contains(v) == isIn : !isIn);
            }
            else if ((m = EqualityTerm().Match(term)).Success)
            {
                var key = m.Groups[1].Value;
                var value = m.Groups[3].Value;
                var equal = m.Groups[2].Value != "!=";
                selector._terms.Add(l => l.TryGetValue(key, out var v) ? (v == value) == equal : !equal);
            }
            else if ((m = ExistsTerm().Match(term)).Success)
            {
                var key = m.Groups[2].Value;
                var exists = m.Groups[1].Value.Length == 0;
                selector._terms.Add(l => l.ContainsKey(key) == exists);
            }
            else
            {
                throw FakeApiException.BadRequest($"unable to parse requirement: \"{term}\" in label selector \"{text}\"");
            }
        }

        return selector;
    }

    public bool Matches(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject l)
        {
            foreach (var (k, v) in l)
            {
                labels[k] = v?.GetValue<string>() ?? "";
            }
        }

        return _terms.TrueForAll(t => t(labels));
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^([A-Za-z0-9./_-]+)\s+(in|notin)\s+\(([^)]*)\)$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^([A-Za-z0-9./_-]+)\s*(==|=|!=)\s*([A-Za-z0-9._-]*)$")]
    private static partial Regex EqualityTerm();

    [GeneratedRegex(@"^(!?)([A-Za-z0-9./_-]+)$")]
    private static partial Regex ExistsTerm();
}
