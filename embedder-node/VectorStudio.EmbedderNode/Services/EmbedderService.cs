// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Client;
using VectorStudio.EmbedderNode.Metrics;
using VectorStudio.Rpc.Server;
using V1 = VectorStudio.Contracts.V1;

namespace VectorStudio.EmbedderNode.Services;

/// <summary><c>vectorstudio.v1.Embedder</c>: validate, lease the current model, embed, map back.</summary>
public sealed class EmbedderService(ModelSlot slot, EmbedderMetrics metrics, int maxTextsPerRequest)
{
    public ServiceDefinition CreateDefinition() =>
        ServiceDefinition.CreateBuilder(VectorStudioMethods.EmbedderService)
            .AddUnary<V1.EmbedRequest, V1.EmbedResponse>("Embed", EmbedAsync)
            .AddUnary<V1.GetModelInfoRequest, V1.ModelInfo>("GetModelInfo", GetModelInfoAsync)
            .Build();

    /// <summary>Checks a request's texts; returns the message of the first problem, or null.</summary>
    public static string? Validate(IReadOnlyList<string> texts, int maxTexts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return $"texts is empty; send 1 to {maxTexts} texts";
        }

        if (texts.Count > maxTexts)
        {
            return $"{texts.Count} texts in one request; this node takes at most {maxTexts} (--max-texts-per-request)";
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                return $"texts[{i}] is empty or only whitespace; every text needs at least one visible character";
            }

            // Protobuf decodes invalid UTF-8 to U+FFFD instead of failing, so the replacement character
            // is the only trace bad bytes leave. The tokenizer would drop it anyway (BERT's clean-up).
            var bad = texts[i].IndexOf('\uFFFD', StringComparison.Ordinal);
            if (bad >= 0)
            {
                return $"texts[{i}] is not valid UTF-8 (U+FFFD at character {bad}); send UTF-8 text";
            }
        }

        return null;
    }

    private async Task<V1.EmbedResponse> EmbedAsync(V1.EmbedRequest request, ServerCallContext context)
    {
        var problem = Validate(request.Texts, maxTextsPerRequest);
        if (problem is not null)
        {
            throw EmbedderStatusMapping.Invalid(problem);
        }

        using var lease = slot.Acquire();
        IReadOnlyList<Embedder.TextEmbedding> embeddings;
        try
        {
            embeddings = await lease.Pipeline.EmbedAsync(request.Texts, context.CancellationToken);
        }
        catch (Exception e) when (EmbedderStatusMapping.ToRpcException(e, context) is { } status)
        {
            throw status;
        }

        var model = new KeyValuePair<string, object?>("model", lease.Pipeline.Info.Name);
        metrics.TextsEmbedded.Add(embeddings.Count, model);
        var truncated = embeddings.Count(e => e.Truncated);
        if (truncated > 0)
        {
            metrics.TextsTruncated.Add(truncated, model);
        }

        var response = new V1.EmbedResponse { Model = EmbedderConversions.ToContract(lease.Pipeline.Info, lease.Generation) };
        response.Embeddings.AddRange(embeddings.Select(EmbedderConversions.ToContract));
        return response;
    }

    private Task<V1.ModelInfo> GetModelInfoAsync(V1.GetModelInfoRequest request, ServerCallContext context)
    {
        var (info, generation) = slot.Current;
        return Task.FromResult(EmbedderConversions.ToContract(info, generation));
    }
}
