// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using VectorStudio.Rpc;
using VectorStudio.ShardNode.Services;

namespace VectorStudio.ShardNode.Embedding;

/// <summary>
/// Turns a failed embedder call into the status the shard node's caller gets (docs/api.md, "Text"):
/// every message names the embedder's endpoint, and a refused text names the point or query it came from.
/// </summary>
public static partial class EmbedderErrors
{
    /// <param name="error">What the embedder call threw.</param>
    /// <param name="endpoint">The embedder's address.</param>
    /// <param name="collection">The collection the texts are for.</param>
    /// <param name="what">"point" or "query": what the texts' indices count.</param>
    /// <param name="indices">For each text of the call, the index of its point or query in the request.</param>
    public static RpcException Map(RpcException error, string endpoint, string collection, string what, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(indices);
        var detail = error.Status.Detail;
        return error.StatusCode switch
        {
            StatusCode.Unavailable => new RpcException(
                StatusCode.Unavailable,
                $"the embedder at {endpoint} (collection \"{collection}\") is unreachable: {detail}"),
            StatusCode.InvalidArgument => new RpcException(StatusCode.InvalidArgument, Refused(detail, endpoint, what, indices)),
            StatusCode.ResourceExhausted => new RpcException(
                new Status(StatusCode.ResourceExhausted, $"the embedder at {endpoint} is overloaded: {detail}; retry later"),
                RetryAfter(error)),
            StatusCode.DeadlineExceeded => new RpcException(
                StatusCode.DeadlineExceeded, $"the deadline passed while the embedder at {endpoint} embedded {what} texts: {detail}"),
            StatusCode.Unimplemented => new RpcException(
                StatusCode.FailedPrecondition,
                $"{endpoint} does not serve vectorstudio.v1.Embedder ({detail}); bind the collection to an embedder node"),
            _ => new RpcException(error.StatusCode, $"the embedder at {endpoint} failed: {detail}"),
        };
    }

    /// <summary>The embedder names a text as <c>texts[i]</c> of its request; this names the point instead.</summary>
    private static string Refused(string detail, string endpoint, string what, IReadOnlyList<int> indices)
    {
        var match = TextIndex().Match(detail);
        if (match.Success
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && i < indices.Count)
        {
            var reason = detail.Remove(match.Index, match.Length).Insert(match.Index, "the text");
            return $"{what} {indices[i]}: the embedder at {endpoint} refused its text: {reason}";
        }

        var range = indices.Count == 0 ? string.Empty : $" ({what}s {indices[0]}..{indices[^1]})";
        return $"the embedder at {endpoint} refused the texts{range}: {detail}";
    }

    private static Metadata RetryAfter(RpcException error)
    {
        var trailers = new Metadata();
        var retry = error.Trailers.GetValue(StatusMapping.RetryAfterKey);
        trailers.Add(StatusMapping.RetryAfterKey, retry ?? "1000");
        return trailers;
    }

    [GeneratedRegex(@"texts\[(\d+)\]")]
    private static partial Regex TextIndex();
}
