// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Tokenization;

namespace VectorStudio.Embedder.Tests.Tokenization;

/// <summary>A tiny BERT-style vocabulary written to a temp vocab.txt (ids are line numbers).</summary>
internal sealed class SmallVocabulary : IDisposable
{
    public static readonly string[] Tokens =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "hello", "world", ",", "!", ".",
        "cafe", "a", "b", "##b", "中", "文", "the", "##s", "cat", "i", "##\u0307", "c", "##a", "##f", "##e",
    ];

    public SmallVocabulary()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vs-vocab-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllLines(Path.Combine(Directory, "vocab.txt"), Tokens);
    }

    public string Directory { get; }

    public string VocabPath => Path.Combine(Directory, "vocab.txt");

    public static int Id(string token) => Array.IndexOf(Tokens, token);

    public BertTokenizer Tokenizer(BertNormalizerOptions? normalizer = null, int maxLength = 512) =>
        BertTokenizer.FromVocabFile(VocabPath, normalizer, maxLength);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
