// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text.Json;

namespace VectorStudio.Embedder.Tokenization;

/// <summary>Building a tokenizer from Hugging Face's files.</summary>
public sealed partial class BertTokenizer
{
    /// <summary>BERT's special tokens, in the order of their usual ids.</summary>
    private static readonly string[] BertSpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    /// <summary>
    /// Loads the tokenizer of a model folder: <c>tokenizer.json</c> when present, else <c>vocab.txt</c>
    /// with BERT's uncased defaults.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="maxLength">Truncation length overriding the file's (null keeps it; 0 disables).</param>
    public static BertTokenizer Load(string directory, int? maxLength = null)
    {
        var json = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(json))
        {
            return FromTokenizerJson(json, maxLength);
        }

        var vocab = Path.Combine(directory, "vocab.txt");
        if (File.Exists(vocab))
        {
            return FromVocabFile(vocab, maxLength: maxLength ?? 512);
        }

        throw new TokenizerFormatException($"{directory} has neither tokenizer.json nor vocab.txt.");
    }

    /// <summary>
    /// A tokenizer from a plain <c>vocab.txt</c> with BERT's conventions: [UNK], [CLS], [SEP], [PAD] and
    /// [MASK] as special tokens, <c>[CLS] text [SEP]</c>, 100 characters per word at most.
    /// </summary>
    public static BertTokenizer FromVocabFile(
        string path,
        BertNormalizerOptions? normalizer = null,
        int maxLength = 512)
    {
        var vocabulary = WordPieceVocabulary.FromVocabFile(path);
        var added = BertSpecialTokens
            .Where(t => vocabulary.TryGetId(t, out _))
            .Select(t => new AddedToken(t, vocabulary.IdOf(t)))
            .ToArray();
        var model = new WordPieceModel(vocabulary, vocabulary.IdOf("[UNK]"), 100);
        var template = SequenceTemplate.Bert(vocabulary.IdOf("[CLS]"), vocabulary.IdOf("[SEP]"));
        int padId = vocabulary.TryGetId("[PAD]", out var pad) ? pad : 0;
        return new BertTokenizer(
            normalizer ?? new BertNormalizerOptions(), model, added, template, maxLength, padId, 0);
    }

    /// <summary>A tokenizer from Hugging Face's <c>tokenizer.json</c> (a WordPiece/BERT one).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxLength">Truncation length overriding the file's (null keeps it; 0 disables).</param>
    public static BertTokenizer FromTokenizerJson(string path, int? maxLength = null)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return FromTokenizerJson(document.RootElement, maxLength);
        }
        catch (Exception e)
            when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new TokenizerFormatException($"{path} is not a usable tokenizer.json: {e.Message}", e);
        }
        catch (TokenizerFormatException e)
        {
            throw new TokenizerFormatException($"{path}: {e.Message}", e);
        }
    }

    private static BertTokenizer FromTokenizerJson(JsonElement root, int? maxLength)
    {
        var modelJson = root.GetProperty("model");
        var type = Text(modelJson, "type");
        if (type != "WordPiece")
        {
            throw new TokenizerFormatException(
                $"model type '{type}' is not supported; this tokenizer reads WordPiece (BERT-style) tokenizers.");
        }

        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in modelJson.GetProperty("vocab").EnumerateObject())
        {
            tokens[entry.Name] = entry.Value.GetInt32();
        }

        var prefix = Text(modelJson, "continuing_subword_prefix") ?? "##";
        var vocabulary = new WordPieceVocabulary(tokens, prefix);
        var unk = Text(modelJson, "unk_token") ?? "[UNK]";
        int maxChars = modelJson.TryGetProperty("max_input_chars_per_word", out var m) ? m.GetInt32() : 100;
        var model = new WordPieceModel(vocabulary, vocabulary.IdOf(unk), maxChars);

        var added = root.TryGetProperty("added_tokens", out var addedJson) && addedJson.ValueKind == JsonValueKind.Array
            ? addedJson.EnumerateArray().Select(ReadAddedToken).ToArray()
            : [];
        CheckPreTokenizer(root);
        var normalizer = ReadNormalizer(root);
        var template = ReadTemplate(root, vocabulary);
        int length = maxLength ?? ReadTruncation(root);
        var (padId, padTypeId) = ReadPadding(root);
        return new BertTokenizer(normalizer, model, added, template, length, padId, padTypeId);
    }

    private static AddedToken ReadAddedToken(JsonElement token) =>
        new(
            token.GetProperty("content").GetString() ?? "",
            token.GetProperty("id").GetInt32(),
            Flag(token, "special", false),
            Flag(token, "normalized", false),
            Flag(token, "lstrip", false),
            Flag(token, "rstrip", false),
            Flag(token, "single_word", false));

    private static BertNormalizerOptions ReadNormalizer(JsonElement root)
    {
        if (!root.TryGetProperty("normalizer", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return new BertNormalizerOptions(false, false, false, false);
        }

        var type = Text(json, "type");
        if (type != "BertNormalizer")
        {
            throw new TokenizerFormatException(
                $"normalizer type '{type}' is not supported; expected BertNormalizer or none.");
        }

        bool? strip = json.TryGetProperty("strip_accents", out var s) && s.ValueKind != JsonValueKind.Null
            ? s.GetBoolean()
            : null;
        return new BertNormalizerOptions(
            Flag(json, "clean_text", true),
            Flag(json, "handle_chinese_chars", true),
            strip,
            Flag(json, "lowercase", true));
    }

    private static void CheckPreTokenizer(JsonElement root)
    {
        if (root.TryGetProperty("pre_tokenizer", out var json) && json.ValueKind != JsonValueKind.Null
            && Text(json, "type") is var type && type != "BertPreTokenizer")
        {
            throw new TokenizerFormatException(
                $"pre_tokenizer type '{type}' is not supported; expected BertPreTokenizer.");
        }
    }

    private static SequenceTemplate ReadTemplate(JsonElement root, WordPieceVocabulary vocabulary)
    {
        if (!root.TryGetProperty("post_processor", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return SequenceTemplate.None;
        }

        var type = Text(json, "type");
        switch (type)
        {
            case "BertProcessing":
                return SequenceTemplate.Bert(
                    json.GetProperty("cls")[1].GetInt32(), json.GetProperty("sep")[1].GetInt32());
            case "TemplateProcessing":
                return ReadTemplateProcessing(json, vocabulary);
            default:
                throw new TokenizerFormatException(
                    $"post_processor type '{type}' is not supported; " +
                    "expected TemplateProcessing, BertProcessing or none.");
        }
    }

    private static SequenceTemplate ReadTemplateProcessing(JsonElement json, WordPieceVocabulary vocabulary)
    {
        var specials = json.TryGetProperty("special_tokens", out var sp) ? sp : default;
        List<int> prefixIds = [], prefixTypes = [], suffixIds = [], suffixTypes = [];
        int? sequenceType = null;
        foreach (var piece in json.GetProperty("single").EnumerateArray())
        {
            if (piece.TryGetProperty("Sequence", out var sequence))
            {
                sequenceType = sequence.GetProperty("type_id").GetInt32();
                continue;
            }

            var special = piece.GetProperty("SpecialToken");
            var name = special.GetProperty("id").GetString() ?? "";
            int typeId = special.GetProperty("type_id").GetInt32();
            var ids = specials.ValueKind == JsonValueKind.Object && specials.TryGetProperty(name, out var entry)
                ? entry.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray()
                : [vocabulary.IdOf(name)];
            (sequenceType is null ? prefixIds : suffixIds).AddRange(ids);
            (sequenceType is null ? prefixTypes : suffixTypes).AddRange(ids.Select(_ => typeId));
        }

        return new SequenceTemplate(
            [.. prefixIds], [.. prefixTypes], sequenceType ?? 0, [.. suffixIds], [.. suffixTypes]);
    }

    private static int ReadTruncation(JsonElement root)
    {
        if (!root.TryGetProperty("truncation", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (json.TryGetProperty("direction", out var d) && d.GetString() is { } direction && direction != "Right")
        {
            throw new TokenizerFormatException($"truncation direction '{direction}' is not supported; only Right is.");
        }

        return json.GetProperty("max_length").GetInt32();
    }

    private static (int PadId, int PadTypeId) ReadPadding(JsonElement root) =>
        root.TryGetProperty("padding", out var json) && json.ValueKind == JsonValueKind.Object
            ? (json.TryGetProperty("pad_id", out var id) ? id.GetInt32() : 0,
                json.TryGetProperty("pad_type_id", out var type) ? type.GetInt32() : 0)
            : (0, 0);

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement json, string name, bool fallback) =>
        json.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : fallback;
}
