// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Batching;
using VectorStudio.Embedder.Runtime;
using VectorStudio.Embedder.Tokenization;

namespace VectorStudio.Embedder;

/// <summary>
/// The embedder's request path for one loaded model package: each text is tokenized on the caller's
/// thread, queued in the micro-batcher (sorted by token count so a batch pads little), and each batch
/// runs as one forward pass of the backend; results return to their callers in order.
/// </summary>
/// <remarks>
/// Truncation rule: a text with more tokens than the model's max sequence length keeps its first
/// <c>max − 2</c> word pieces, then [SEP]; its embedding says <see cref="TextEmbedding.Truncated"/>.
/// </remarks>
public sealed class EmbeddingPipeline : IEmbeddingPipeline
{
    private readonly IEmbeddingBackend _backend;
    private readonly BertTokenizer _tokenizer;
    private readonly MicroBatcher<Encoded, TextEmbedding> _batcher;
    private Task? _disposal;

    private EmbeddingPipeline(IEmbeddingBackend backend, BertTokenizer tokenizer, MicroBatcherOptions batching, MicroBatcherMetrics? metrics)
    {
        _backend = backend;
        _tokenizer = tokenizer;
        _batcher = new MicroBatcher<Encoded, TextEmbedding>(RunBatchAsync, e => e.Ids.Length, batching, metrics: metrics);
    }

    public EmbeddingModelInfo Info => _backend.Info;

    /// <summary>Texts waiting for a batch.</summary>
    public int QueueDepth => _batcher.QueueDepth;

    /// <summary>
    /// Loads a model package: its backend (the manifest says which) and its tokenizer, truncating at the
    /// model's max sequence length.
    /// </summary>
    /// <exception cref="EmbedderException">The package or its model cannot be loaded.</exception>
    /// <exception cref="TokenizerFormatException">The tokenizer file is not a BERT WordPiece tokenizer.</exception>
    public static EmbeddingPipeline Load(
        string packageDirectory,
        EmbeddingBackendOptions backendOptions,
        MicroBatcherOptions batching,
        MicroBatcherMetrics? metrics = null)
    {
        var package = ModelPackage.Load(packageDirectory);
        var tokenizer = LoadTokenizer(package);
        var backend = EmbeddingBackends.Load(package, backendOptions);
        return new EmbeddingPipeline(backend, tokenizer, batching, metrics);
    }

    public async Task<IReadOnlyList<TextEmbedding>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var pending = new Task<TextEmbedding>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var ids = _tokenizer.Encode(texts[i], out var truncated);
            pending[i] = _batcher.SubmitAsync(new Encoded(ids, truncated), cancellationToken: cancellationToken);
        }

        return await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the batcher (the slot disposes a pipeline only when no request holds it, so nothing is
    /// queued) and frees the native model once the batcher's loop has ended.
    /// </summary>
    public void Dispose() => _disposal ??= DisposeCoreAsync();

    private async Task DisposeCoreAsync()
    {
        await _batcher.DisposeAsync().ConfigureAwait(false);
        _backend.Dispose();
    }

    private static BertTokenizer LoadTokenizer(ModelPackage package)
    {
        var tokenizer = Path.GetFileName(package.TokenizerPath) == "vocab.txt"
            ? BertTokenizer.FromVocabFile(package.TokenizerPath, maxLength: package.MaxSequenceLength)
            : BertTokenizer.FromTokenizerJson(package.TokenizerPath, package.MaxSequenceLength);
        return tokenizer.MaxLength is > 0 && tokenizer.MaxLength <= package.MaxSequenceLength
            ? tokenizer
            : tokenizer.WithMaxLength(package.MaxSequenceLength);
    }

    private Task<IReadOnlyList<TextEmbedding>> RunBatchAsync(IReadOnlyList<Encoded> items, CancellationToken cancellationToken)
    {
        var batch = _tokenizer.Pad(items.Select(i => i.Ids).ToList());
        var vectors = _backend.Embed(batch.InputIds, batch.AttentionMask, batch.BatchSize, batch.SequenceLength);
        var dimension = _backend.Info.Dimension;
        var results = new TextEmbedding[items.Count];
        for (var row = 0; row < items.Count; row++)
        {
            results[row] = new TextEmbedding(vectors.AsSpan(row * dimension, dimension).ToArray(), items[row].Ids.Length, items[row].Truncated);
        }

        return Task.FromResult<IReadOnlyList<TextEmbedding>>(results);
    }

    private readonly record struct Encoded(int[] Ids, bool Truncated);
}
