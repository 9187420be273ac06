// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using System.Text;

namespace VectorStudio.EmbedderNode.ModelSource;

/// <summary>
/// Where a model package comes from when it is not a local folder: <c>file://</c> (a package folder or
/// an archive), <c>http://</c> or <c>https://</c> (an archive), with an optional expected SHA-256 of the
/// archive given as a <c>#sha256=&lt;hex&gt;</c> fragment or separately.
/// </summary>
/// <param name="Location">The URI without its fragment.</param>
/// <param name="Sha256">The expected SHA-256 of the archive, 64 lower-case hex digits, or null.</param>
public sealed record ModelUri(Uri Location, string? Sha256)
{
    private const string FragmentKey = "sha256=";

    /// <summary>What a model URI may look like, for error messages.</summary>
    public const string Accepted =
        "file:///path (package folder or .tar.gz/.tgz/.tar/.zip archive) or http(s)://host/path to an archive, "
        + "optionally ending in #sha256=<64 hex digits>";

    public bool IsFile => Location.Scheme == Uri.UriSchemeFile;

    /// <summary>The local path of a <c>file://</c> URI.</summary>
    public string LocalPath => Location.LocalPath;

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="sha256"/> is a digest given apart from the URI
    /// (it must agree with the fragment when both are given).
    /// </summary>
    /// <returns>The URI, or null with <paramref name="error"/> saying what is wrong and what is accepted.</returns>
    public static ModelUri? TryParse(string text, string? sha256, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        // An absolute path parses as an implicit file URI on Unix; a model URI must say its scheme.
        if (!text.Contains("://", StringComparison.Ordinal)
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeFile))
        {
            error = $"'{text}' is not a model URI; use {Accepted}";
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeFile && !uri.IsLoopback)
        {
            error = $"'{text}' names a file on host '{uri.Host}'; a file URI must be local (file:///path)";
            return null;
        }

        string? fromFragment = null;
        if (uri.Fragment.Length > 1)
        {
            var fragment = uri.Fragment[1..];
            if (!fragment.StartsWith(FragmentKey, StringComparison.OrdinalIgnoreCase))
            {
                error = $"'{text}': the fragment '#{fragment}' is not #sha256=<64 hex digits>";
                return null;
            }

            fromFragment = NormalizeDigest(fragment[FragmentKey.Length..], "the #sha256= fragment", ref error);
            if (fromFragment is null)
            {
                return null;
            }
        }

        var separate = sha256 is null ? null : NormalizeDigest(sha256, "--model-sha256", ref error);
        if (sha256 is not null && separate is null)
        {
            return null;
        }

        if (fromFragment is not null && separate is not null && fromFragment != separate)
        {
            error = $"the URI's #sha256= fragment ({fromFragment}) and --model-sha256 ({separate}) disagree; give one";
            return null;
        }

        var location = new UriBuilder(uri) { Fragment = string.Empty }.Uri;
        return new ModelUri(location, fromFragment ?? separate);
    }

    /// <summary>Whether <paramref name="text"/> looks like a URI (a scheme followed by <c>://</c>) rather than a path.</summary>
    public static bool LooksLikeUri(string text) =>
        text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var u) && u.Scheme.Length > 1;

    /// <summary>
    /// The cache folder's name for this URI: the archive's file name (for people reading the cache) and
    /// a hash of the URI and the expected digest, so that a new digest never reuses an old download.
    /// </summary>
    public string CacheKey()
    {
        var identity = Location.AbsoluteUri + "\n" + (Sha256 ?? string.Empty);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..24];
        var name = Path.GetFileName(Location.AbsolutePath.TrimEnd('/'));
        var readable = new StringBuilder();
        foreach (var c in name.Length == 0 ? "model" : name)
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
            if (readable.Length == 48)
            {
                break;
            }
        }

        return $"{readable}-{hash}";
    }

    /// <summary>The URI as logs and errors show it (without user info).</summary>
    public override string ToString() =>
        Location.UserInfo.Length == 0 ? Location.AbsoluteUri : Location.AbsoluteUri.Replace(Location.UserInfo + "@", string.Empty, StringComparison.Ordinal);

    private static string? NormalizeDigest(string hex, string source, ref string? error)
    {
        var trimmed = hex.Trim().ToLowerInvariant();
        if (trimmed.Length == 64 && trimmed.All(char.IsAsciiHexDigit))
        {
            return trimmed;
        }

        error = $"{source}: '{hex}' is not a SHA-256 digest; give 64 hex digits";
        return null;
    }
}
