// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Tokenization;

namespace VectorStudio.Embedder.Tests.Tokenization;

public sealed class BertTokenizerTests : IDisposable
{
    private const int Unk = 1;
    private const int Cls = 2;
    private const int Sep = 3;
    private readonly SmallVocabulary _vocabulary = new();

    public void Dispose() => _vocabulary.Dispose();

    [Fact]
    public void Encode_Should_SplitLongestMatchFirst_When_WordHasContinuations()
    {
        var ids = _vocabulary.Tokenizer().Encode("unaffable");

        Assert.Equal([Cls, Id("un"), Id("##aff"), Id("##able"), Sep], ids);
    }

    [Fact]
    public void Encode_Should_GiveOneUnknown_When_PartOfTheWordHasNoPiece()
    {
        // "unaffx": "un" + "##aff" match, "x" does not: the whole word is [UNK], not a partial split.
        Assert.Equal([Cls, Unk, Sep], _vocabulary.Tokenizer().Encode("unaffx"));
    }

    [Fact]
    public void Encode_Should_GiveUnknown_When_WordExceedsMaxInputChars()
    {
        // 100 code points is the limit; "bbb…" splits as b ##b ##b … when short enough.
        var tokenizer = _vocabulary.Tokenizer(maxLength: 0);

        Assert.Equal(102, tokenizer.Encode(new string('b', 100)).Length);
        Assert.Equal([Cls, Unk, Sep], tokenizer.Encode(new string('b', 101)));
    }

    [Fact]
    public void Encode_Should_SplitPunctuationAndDropWhitespace_When_TextIsMixed()
    {
        var ids = _vocabulary.Tokenizer().Encode("  Hello,\tWORLD!!\n");

        Assert.Equal([Cls, Id("hello"), Id(","), Id("world"), Id("!"), Id("!"), Sep], ids);
    }

    [Fact]
    public void Encode_Should_StripAccentsAndLowercase_When_DefaultsApply()
    {
        Assert.Equal([Cls, Id("cafe"), Sep], _vocabulary.Tokenizer().Encode("CAFÉ"));
        Assert.Equal([Cls, Id("cafe"), Sep], _vocabulary.Tokenizer().Encode("Cafe\u0301"));
    }

    [Fact]
    public void Encode_Should_KeepAccents_When_StripAccentsIsFalse()
    {
        var tokenizer = _vocabulary.Tokenizer(new BertNormalizerOptions(StripAccents: false));

        // "café" is not in the vocabulary and "##é" is not either: the word is unknown.
        Assert.Equal([Cls, Unk, Sep], tokenizer.Encode("Café"));
    }

    [Fact]
    public void Encode_Should_LowercaseDottedCapitalIAsRustDoes_When_AccentsAreKept()
    {
        // Rust's char::to_lowercase maps U+0130 to "i" + U+0307; .NET's invariant ToLower leaves it.
        var tokenizer = _vocabulary.Tokenizer(new BertNormalizerOptions(StripAccents: false));

        Assert.Equal([Cls, Id("i"), Id("##\u0307"), Sep], tokenizer.Encode("\u0130"));
        Assert.Equal([Cls, Id("i"), Sep], _vocabulary.Tokenizer().Encode("\u0130"));
    }

    [Fact]
    public void Encode_Should_MakeEachCjkIdeographAWord_When_HandleChineseCharsIsOn()
    {
        Assert.Equal([Cls, Id("中"), Id("文"), Sep], _vocabulary.Tokenizer().Encode("中文"));
        var off = _vocabulary.Tokenizer(new BertNormalizerOptions(HandleChineseChars: false));
        Assert.Equal([Cls, Unk, Sep], off.Encode("中文"));
    }

    [Fact]
    public void Encode_Should_DropControlCharacters_When_CleanTextIsOn()
    {
        var ids = _vocabulary.Tokenizer().Encode("hel\u0000lo\u0007 wor\uFFFDld\u200B");

        Assert.Equal([Cls, Id("hello"), Id("world"), Sep], ids);
    }

    [Fact]
    public void Encode_Should_GiveOnlySpecialTokens_When_TextIsEmptyOrBlank()
    {
        Assert.Equal([Cls, Sep], _vocabulary.Tokenizer().Encode(""));
        Assert.Equal([Cls, Sep], _vocabulary.Tokenizer().Encode(" \t\r\n\u3000"));
    }

    [Fact]
    public void Encode_Should_MatchSpecialTokensInRawText_When_TheyAppearLiterally()
    {
        var ids = _vocabulary.Tokenizer().Encode("a[SEP]b [MASK]");

        Assert.Equal([Cls, Id("a"), Sep, Id("b"), Id("[MASK]"), Sep], ids);
    }

    [Fact]
    public void Encode_Should_KeepFirstPiecesThenSep_When_TextExceedsMaxLength()
    {
        var tokenizer = _vocabulary.Tokenizer(maxLength: 5);

        // 3 content pieces fit in 5 with [CLS] and [SEP]; "unaffable" is cut after "##aff".
        Assert.Equal([Cls, Id("a"), Id("un"), Id("##aff"), Sep], tokenizer.Encode("a unaffable b b b"));
        Assert.Equal([Cls, Id("a"), Id("b"), Sep], tokenizer.Encode("a b"));
    }

    [Fact]
    public void Encode_Should_AllocateOnlyTheResult_When_Warm()
    {
        var tokenizer = _vocabulary.Tokenizer();
        var text = "Hello, world! The cats unaffable CAFÉ 中文 " + new string('b', 40);
        tokenizer.Encode(text);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ids = tokenizer.Encode(text);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The int[] result is 24 bytes of header plus 4 per id; anything per character would be far more.
        Assert.True(allocated <= 24 + (4 * ids.Length) + 8, $"allocated {allocated} bytes for {ids.Length} ids");
    }

    [Fact]
    public void Encode_Should_WorkOnlyOnTheKeptStart_When_AHugeTextIsTruncated()
    {
        var tokenizer = _vocabulary.Tokenizer(maxLength: 16);
        var huge = string.Concat(Enumerable.Repeat("Hello, WORLD! unaffable café ", 40_000)); // 1.1 M chars
        long allocated = 0;
        int[] ids = [];

        // A fresh thread starts with fresh scratch buffers, so their growth is counted.
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            ids = tokenizer.Encode(huge);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.Start();
        thread.Join();

        Assert.Equal(16, ids.Length);
        Assert.Equal(Sep, ids[^1]);
        // Normalizing the whole text grows the buffers to megabytes (26 MB measured); a 512-char chunk
        // needs a few KB.
        Assert.True(allocated < 256 * 1024, $"allocated {allocated} bytes for a text cut at 16 tokens");
    }

    [Fact]
    public void Encode_Should_GiveTheSameIds_When_TextSpansSeveralChunks()
    {
        var tokenizer = _vocabulary.Tokenizer(maxLength: 0);
        var words = Enumerable.Range(0, 3000).Select(i => (i % 3) switch { 0 => "CAFE\u0301", 1 => "hello,", _ => "中文" });
        var text = string.Join(" ", words); // about 20 K chars: many 512-char chunks

        var ids = tokenizer.Encode(text);

        var expected = Enumerable.Range(0, 3000).SelectMany(i => (i % 3) switch
        {
            0 => new[] { Id("cafe") },
            1 => [Id("hello"), Id(",")],
            _ => [Id("中"), Id("文")],
        });
        Assert.Equal([Cls, .. expected, Sep], ids);
    }

    [Fact]
    public void EncodeBatch_Should_PadToLongestWithMask_When_LengthsDiffer()
    {
        var batch = _vocabulary.Tokenizer().EncodeBatch(["hello world", "a", ""]);

        Assert.Equal(3, batch.BatchSize);
        Assert.Equal(4, batch.SequenceLength);
        Assert.Equal([4, 3, 2], batch.Lengths);
        Assert.Equal([Cls, Id("hello"), Id("world"), Sep, Cls, Id("a"), Sep, 0, Cls, Sep, 0, 0], batch.InputIds);
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0], batch.AttentionMask);
        Assert.All(batch.TokenTypeIds, t => Assert.Equal(0, t));
    }

    [Fact]
    public void EncodeBatch_Should_PadToFixedAndMultiple_When_Asked()
    {
        var tokenizer = _vocabulary.Tokenizer();

        Assert.Equal(8, tokenizer.EncodeBatch(["a"], TokenPadding.Fixed(8)).SequenceLength);
        Assert.Equal(8, tokenizer.EncodeBatch(["a b c d e"], new TokenPadding(PadToMultipleOf: 8)).SequenceLength);
        var error = Assert.Throws<ArgumentException>(() => tokenizer.EncodeBatch(["a b c d e"], TokenPadding.Fixed(4)));
        Assert.Contains("longer than the fixed padding length 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeBatch_Should_Throw_When_BatchIsEmpty()
    {
        var error = Assert.Throws<ArgumentException>(() => _vocabulary.Tokenizer().EncodeBatch([]));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Should_GiveTheSameIds_When_ManyThreadsShareTheTokenizer()
    {
        var tokenizer = _vocabulary.Tokenizer();
        string[] texts = ["hello world", "unaffable CAFÉ", "中文 a b", "the cats!"];
        var expected = texts.Select(t => tokenizer.Encode(t)).ToArray();

        Parallel.For(0, 2000, i => Assert.Equal(expected[i % 4], tokenizer.Encode(texts[i % 4])));
    }

    private static int Id(string token) => SmallVocabulary.Id(token);
}
