// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using VectorStudio.Kube.Models.Apps;

namespace VectorStudio.Operator.Core.Planning;

/// <summary>Reads shard indices back from observed objects.</summary>
public static class ShardIndex
{
    /// <summary>The shard index of an owned StatefulSet (from its shard label), or null.</summary>
    public static int? Of(StatefulSet sts)
    {
        ArgumentNullException.ThrowIfNull(sts);
        return sts.Metadata.Labels?.TryGetValue(ClusterLabels.Shard, out var text) == true
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    /// <summary>
    /// Names of this cluster's shard StatefulSets with an index at or above <paramref name="shards"/>.
    /// </summary>
    public static IEnumerable<string> Above(string cluster, int shards, IEnumerable<StatefulSet> observed)
        => observed
            .Where(s => s.Metadata.Labels?.GetValueOrDefault(ClusterLabels.Instance) == cluster && Of(s) >= shards)
            .OrderBy(s => Of(s))
            .Select(s => s.Metadata.Name!);
}
