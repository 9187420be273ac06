// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.ShardNode.Services;

namespace VectorStudio.ShardNode.Embedding;

/// <summary>Parses the embedder address a collection names.</summary>
public static class EmbedderEndpoint
{
    private const string Accepted = "accepted: host:port or http://host:port";

    /// <summary>
    /// <c>host:port</c> or <c>http://host:port</c> (a trailing slash is dropped) as <c>http://host:port</c>;
    /// anything else is INVALID_ARGUMENT.
    /// </summary>
    public static string Normalize(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.Trim();
        if (text.Length == 0)
        {
            throw StatusMapping.Invalid($"embedder endpoint is empty; {Accepted}");
        }

        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp
            || string.IsNullOrEmpty(uri.Host)
            || uri.IsDefaultPort
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw StatusMapping.Invalid($"embedder endpoint '{endpoint}' is not an address; {Accepted} (h2c, with a port)");
        }

        return $"http://{uri.Authority}";
    }
}
