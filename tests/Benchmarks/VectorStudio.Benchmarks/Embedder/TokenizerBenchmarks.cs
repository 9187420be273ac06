// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using VectorStudio.Embedder.Tokenization;

namespace VectorStudio.Benchmarks.Embedder;

/// <summary>
/// The BERT tokenizer on the real all-MiniLM-L6-v2 vocabulary (../shared/data beside the clone, or
/// VS_TOKENIZER_DIR): one English sentence, one accented/CJK sentence, a long text cut at 128
/// tokens, and a padded batch of 32.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory(BenchmarkCategories.Embedder)]
public class TokenizerBenchmarks
{
    private const string English =
        "The quick brown fox jumps over the lazy dog, then searches a vector database for similar foxes.";

    private const string Mixed = "Café crème à la carte — Zażółć gęślą jaźń; 日本語の文章と中文分词, ünïcödé ÉCOLE!";

    private BertTokenizer _tokenizer = null!;
    private string _long = "";
    private string[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _tokenizer = BertTokenizer.Load(TokenizerDirectory(), maxLength: 128);
        _long = string.Concat(Enumerable.Repeat(English + " ", 40));
        _batch = [.. Enumerable.Range(0, 32).Select(i => i % 2 == 0 ? English[..(20 + (i * 2))] : Mixed)];
    }

    [Benchmark(Baseline = true)]
    public int[] EncodeEnglish() => _tokenizer.Encode(English);

    [Benchmark]
    public int[] EncodeMixedScripts() => _tokenizer.Encode(Mixed);

    [Benchmark]
    public int[] EncodeLongTruncated() => _tokenizer.Encode(_long);

    [Benchmark]
    public TokenizedBatch EncodeBatch32() => _tokenizer.EncodeBatch(_batch);

    private static string TokenizerDirectory()
    {
        if (Environment.GetEnvironmentVariable("VS_TOKENIZER_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VectorStudio.slnx")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "data", "all-MiniLM-L6-v2-tokenizer");
                return Directory.Exists(path)
                    ? path
                    : throw new DirectoryNotFoundException(
                        $"{path} not found; set VS_TOKENIZER_DIR to a BERT tokenizer folder.");
            }
        }

        throw new DirectoryNotFoundException("VectorStudio.slnx not found; set VS_TOKENIZER_DIR.");
    }
}
