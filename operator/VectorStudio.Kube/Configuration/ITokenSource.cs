// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Kube.Configuration;

/// <summary>Supplies the bearer token for each request (it may change while the process runs).</summary>
public interface ITokenSource
{
    /// <summary>The current token, read fresh when the source says it may have rotated.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
