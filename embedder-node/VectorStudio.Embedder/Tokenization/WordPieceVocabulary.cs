// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// A WordPiece vocabulary: token ↔ id, with lookups by span (no string allocation) for whole words
/// and for continuation pieces (stored without their <c>##</c> prefix).
/// </summary>
public sealed class WordPieceVocabulary
{
    private readonly Dictionary<string, int> _tokens;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;
    private readonly string[] _byId;

    /// <param name="tokens">Token → id; ids need not be dense but must be non-negative and unique.</param>
    /// <param name="continuingSubwordPrefix">The prefix that marks a piece continuing a word.</param>
    public WordPieceVocabulary(IReadOnlyDictionary<string, int> tokens, string continuingSubwordPrefix = "##")
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentException.ThrowIfNullOrEmpty(continuingSubwordPrefix);
        if (tokens.Count == 0)
        {
            throw new TokenizerFormatException("The vocabulary is empty.");
        }

        ContinuingSubwordPrefix = continuingSubwordPrefix;
        _tokens = new Dictionary<string, int>(tokens, StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        int maxId = -1;
        foreach (var (token, id) in _tokens)
        {
            if (id < 0)
            {
                throw new TokenizerFormatException($"Token '{token}' has a negative id ({id}).");
            }

            maxId = Math.Max(maxId, id);
            MaxWordLength = Math.Max(MaxWordLength, token.Length);
            if (token.StartsWith(continuingSubwordPrefix, StringComparison.Ordinal))
            {
                var piece = token[continuingSubwordPrefix.Length..];
                continuations[piece] = id;
                MaxContinuationLength = Math.Max(MaxContinuationLength, piece.Length);
            }
        }

        _byId = new string[maxId + 1];
        foreach (var (token, id) in _tokens)
        {
            if (_byId[id] is { } other)
            {
                throw new TokenizerFormatException($"Tokens '{other}' and '{token}' share id {id}.");
            }

            _byId[id] = token;
        }

        _words = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string ContinuingSubwordPrefix { get; }

    /// <summary>Number of tokens.</summary>
    public int Count => _tokens.Count;

    /// <summary>The longest token, in UTF-16 units (bounds the longest-match search).</summary>
    internal int MaxWordLength { get; }

    /// <summary>The longest continuation piece without its prefix, in UTF-16 units.</summary>
    internal int MaxContinuationLength { get; }

    /// <summary>
    /// Reads a <c>vocab.txt</c>: one token per line, the id is the line number (from 0). Only the line
    /// break is trimmed; a token may contain other whitespace.
    /// </summary>
    public static WordPieceVocabulary FromVocabFile(string path, string continuingSubwordPrefix = "##")
    {
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        int id = 0;
        foreach (var line in File.ReadLines(path))
        {
            var token = line.TrimEnd('\r');
            if (!tokens.TryAdd(token, id))
            {
                throw new TokenizerFormatException(
                    $"{path}: line {id + 1} repeats token '{token}' (first at line {tokens[token] + 1}).");
            }

            id++;
        }

        return new WordPieceVocabulary(tokens, continuingSubwordPrefix);
    }

    public bool TryGetId(string token, out int id) => _tokens.TryGetValue(token, out id);

    public int IdOf(string token) =>
        _tokens.TryGetValue(token, out var id)
            ? id
            : throw new TokenizerFormatException($"Token '{token}' is not in the vocabulary.");

    /// <summary>The token with <paramref name="id"/>, or null when no token has it.</summary>
    public string? TokenOf(int id) => (uint)id < (uint)_byId.Length ? _byId[id] : null;

    internal bool TryGetWord(ReadOnlySpan<char> word, out int id) => _words.TryGetValue(word, out id);

    internal bool TryGetContinuation(ReadOnlySpan<char> piece, out int id) => _continuations.TryGetValue(piece, out id);
}
