// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// WordPiece as Hugging Face runs it: greedy longest match first from the start of the word, later
/// pieces looked up with the continuation prefix; a word longer than
/// <see cref="MaxInputCharsPerWord"/> code points, or one with a part no piece matches, becomes the
/// unknown token as a whole.
/// </summary>
internal sealed class WordPieceModel(WordPieceVocabulary vocabulary, int unknownId, int maxInputCharsPerWord)
{
    public WordPieceVocabulary Vocabulary { get; } = vocabulary;

    public int UnknownId { get; } = unknownId;

    public int MaxInputCharsPerWord { get; } = maxInputCharsPerWord;

    /// <summary>Appends the ids of <paramref name="word"/>'s pieces to <paramref name="ids"/>.</summary>
    public void Tokenize(ReadOnlySpan<char> word, List<int> ids)
    {
        if (CountCodePoints(word, MaxInputCharsPerWord + 1) > MaxInputCharsPerWord)
        {
            ids.Add(UnknownId);
            return;
        }

        int mark = ids.Count;
        int start = 0;
        while (start < word.Length)
        {
            int limit = start == 0 ? Vocabulary.MaxWordLength : Vocabulary.MaxContinuationLength;
            int end = Math.Min(word.Length, start + limit);
            if (end < word.Length && char.IsLowSurrogate(word[end]))
            {
                end--; // never split a surrogate pair
            }

            int found = -1;
            while (end > start)
            {
                var piece = word[start..end];
                bool known = start == 0
                    ? Vocabulary.TryGetWord(piece, out found)
                    : Vocabulary.TryGetContinuation(piece, out found);
                if (known)
                {
                    break;
                }

                found = -1;
                bool pair = end - 2 >= start
                    && char.IsLowSurrogate(word[end - 1]) && char.IsHighSurrogate(word[end - 2]);
                end -= pair ? 2 : 1;
            }

            if (found < 0)
            {
                ids.RemoveRange(mark, ids.Count - mark);
                ids.Add(UnknownId);
                return;
            }

            ids.Add(found);
            start = end;
        }
    }

    private static int CountCodePoints(ReadOnlySpan<char> text, int stopAt)
    {
        int count = 0;
        for (int i = 0; i < text.Length && count < stopAt; i++, count++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        return count;
    }
}
