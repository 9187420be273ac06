// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Engine.Errors;

namespace VectorStudio.Engine.Collections;

/// <summary>
/// The embedder node a collection sends text to. The engine only stores it (create record, snapshot);
/// the shard node calls the embedder before a write reaches the engine, so the log holds vectors.
/// </summary>
/// <param name="Endpoint">The embedder's gRPC address, normalised to <c>http://host:port</c>.</param>
/// <param name="ModelName">The model the embedder must serve; empty accepts any.</param>
/// <param name="TextField">The payload key a point's text is stored under.</param>
/// <param name="StoreText">Whether a point's text is stored in its payload.</param>
public sealed record EmbedderBinding(
    string Endpoint, string ModelName = "", string TextField = EmbedderBinding.DefaultTextField, bool StoreText = true)
{
    public const string DefaultTextField = "text";

    /// <summary>Longest endpoint and model name, in characters.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>Throws <see cref="EngineErrorKind.InvalidArgument"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Endpoint) || Endpoint.Length > MaxNameLength)
        {
            throw EngineException.InvalidArgument(
                $"embedder endpoint has {Endpoint?.Length ?? 0} characters; accepted: host:port or http://host:port, "
                + $"1..{MaxNameLength} characters");
        }

        if ((ModelName?.Length ?? 0) > MaxNameLength)
        {
            throw EngineException.InvalidArgument($"embedder model name is over {MaxNameLength} characters");
        }

        if (string.IsNullOrEmpty(TextField) || TextField.Length > EngineLimits.MaxPayloadKeyLength)
        {
            throw EngineException.InvalidArgument(
                $"embedder text field has {TextField?.Length ?? 0} characters; accepted: 1..{EngineLimits.MaxPayloadKeyLength}");
        }
    }
}
