// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Tokenization;

namespace VectorStudio.Embedder.Tests.Tokenization;

public sealed class TokenizerLoadingTests : IDisposable
{
    private readonly SmallVocabulary _vocabulary = new();

    public void Dispose() => _vocabulary.Dispose();

    [Fact]
    public void FromTokenizerJson_Should_ReadSettings_When_FileIsHuggingFaces()
    {
        var vocab = string.Join(",", SmallVocabulary.Tokens.Select((t, i) => $"\"{t}\":{i}"));
        var path = Write("""
            {"truncation":{"max_length":16,"strategy":"LongestFirst","stride":0},
             "padding":{"pad_id":4,"pad_type_id":1},
             "added_tokens":[{"id":3,"content":"[SEP]","special":true,"normalized":false}],
             "normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,
                           "strip_accents":false,"lowercase":false},
             "pre_tokenizer":{"type":"BertPreTokenizer"},
             "post_processor":{"type":"BertProcessing","sep":["[SEP]",3],"cls":["[CLS]",2]},
             "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
                      "max_input_chars_per_word":5,"vocab":{VOCAB}}}
            """.Replace("VOCAB", vocab, StringComparison.Ordinal));

        var tokenizer = BertTokenizer.FromTokenizerJson(path);

        Assert.Equal(16, tokenizer.MaxLength);
        Assert.Equal(4, tokenizer.PadId);
        Assert.False(tokenizer.Normalizer.Lowercase);
        Assert.Equal([2, 1, 3, 8, 3], tokenizer.Encode("Hello[SEP]hello")); // case kept: "Hello" unknown
        Assert.Equal([2, 1, 3], tokenizer.Encode("bbbbbb")); // six characters > max_input_chars_per_word
    }

    [Theory]
    [InlineData("{", "not a usable tokenizer.json")]
    [InlineData("""{"model":{"type":"BPE","vocab":{}}}""", "model type 'BPE' is not supported")]
    [InlineData("""{"model":{"type":"WordPiece","vocab":{"a":0}}}""", "'[UNK]' is not in the vocabulary")]
    [InlineData(
        """{"model":{"type":"WordPiece","vocab":{"[UNK]":0}},"normalizer":{"type":"NFKC"}}""",
        "normalizer type 'NFKC'")]
    public void FromTokenizerJson_Should_ThrowAClearError_When_FileIsUnusable(string json, string expected)
    {
        var path = Write(json);

        var error = Assert.Throws<TokenizerFormatException>(() => BertTokenizer.FromTokenizerJson(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Should_ThrowAClearError_When_FolderHasNoTokenizer()
    {
        var empty = Path.Combine(_vocabulary.Directory, "empty");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<TokenizerFormatException>(() => BertTokenizer.Load(empty));

        Assert.Contains("neither tokenizer.json nor vocab.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromVocabFile_Should_RejectRepeatedTokens_When_VocabHasDuplicates()
    {
        var path = Path.Combine(_vocabulary.Directory, "dup.txt");
        File.WriteAllLines(path, ["[UNK]", "a", "a"]);

        var error = Assert.Throws<TokenizerFormatException>(() => BertTokenizer.FromVocabFile(path));

        Assert.Contains("line 3 repeats token 'a'", error.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_vocabulary.Directory, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
