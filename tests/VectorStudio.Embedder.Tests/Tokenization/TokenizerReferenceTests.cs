// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Tokenization;
using VectorStudio.Tests;

namespace VectorStudio.Embedder.Tests.Tokenization;

/// <summary>
/// Our tokenizer against an independent implementation (Hugging Face's tokenizers.js) on the real
/// all-MiniLM-L6-v2 tokenizer. Ids must match exactly.
/// </summary>
public sealed class TokenizerReferenceTests
{
    private const string Data = "all-MiniLM-L6-v2-tokenizer";

    private static string Directory => SharedData.PathOf(Data);

    [SharedDataFact(Data)]
    public async Task Encode_Should_MatchTokenizersJs_When_CorpusIsEncodedWithoutTruncation()
    {
        var tokenizer = BertTokenizer.Load(Directory, maxLength: 0);
        var expected = await NodeTokenizer.EncodeAsync(Directory, TokenizerCorpus.Texts);

        Assert.Equal(TokenizerCorpus.Texts.Count, expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            var actual = tokenizer.Encode(TokenizerCorpus.Texts[i]);
            Assert.True(
                expected[i].SequenceEqual(actual),
                $"text #{i} \"{TokenizerCorpus.Texts[i]}\":\n expected [{string.Join(",", expected[i])}]\n" +
                $" actual   [{string.Join(",", actual)}]");
        }
    }

    [SharedDataFact(Data)]
    public async Task Encode_Should_KeepFirstPiecesThenSep_When_TextExceedsTheFilesMaxLength()
    {
        var tokenizer = BertTokenizer.Load(Directory);
        var expected = await NodeTokenizer.EncodeAsync(Directory, TokenizerCorpus.Texts);

        Assert.Equal(128, tokenizer.MaxLength); // tokenizer.json's truncation.max_length
        int truncated = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            var full = expected[i];
            int[] want = full.Length <= 128 ? full : [.. full[..127], 102];
            truncated += full.Length > 128 ? 1 : 0;
            Assert.Equal(want, tokenizer.Encode(TokenizerCorpus.Texts[i]));
        }

        Assert.True(truncated >= 3, $"the corpus should hold several texts over 128 tokens, had {truncated}");
    }

    [SharedDataFact(Data)]
    public void Load_Should_GiveTheSameIdsFromVocabTxt_When_TokenizerJsonIsAbsent()
    {
        var fromJson = BertTokenizer.FromTokenizerJson(Path.Combine(Directory, "tokenizer.json"), maxLength: 0);
        var fromVocab = BertTokenizer.FromVocabFile(Path.Combine(Directory, "vocab.txt"), maxLength: 0);

        foreach (var text in TokenizerCorpus.Texts)
        {
            Assert.Equal(fromJson.Encode(text), fromVocab.Encode(text));
        }
    }

    [SharedDataFact(Data)]
    public void Encode_Should_GiveTheDocumentedIds_When_SentenceIsKnown()
    {
        var tokenizer = BertTokenizer.Load(Directory);

        Assert.Equal([101, 1037, 2158, 2003, 5983, 2833, 1012, 102], tokenizer.Encode("A man is eating food."));
    }
}
