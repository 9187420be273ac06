// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Embedder.Tokenization.Unicode;

namespace VectorStudio.Embedder.Tokenization;

/// <summary>
/// Hugging Face's BertNormalizer, in its order: clean text, pad CJK ideographs with spaces, strip
/// accents (NFD, then drop non-spacing marks), lower-case. One pass over the input into reusable
/// buffers; ASCII takes a branch-light path.
/// </summary>
internal sealed class BertNormalizer(BertNormalizerOptions options)
{
    private readonly bool _clean = options.CleanText;
    private readonly bool _chinese = options.HandleChineseChars;
    private readonly bool _strip = options.StripsAccents;
    private readonly bool _lower = options.Lowercase;

    public BertNormalizerOptions Options { get; } = options;

    /// <summary>Normalizes <paramref name="input"/> into <paramref name="output"/> (cleared first).</summary>
    public void Normalize(ReadOnlySpan<char> input, CharBuffer output, CodePointBuffer scratch)
    {
        scratch.Clear();
        output.Clear();
        for (int i = 0; i < input.Length; i++)
        {
            int cp = input[i];
            if (char.IsHighSurrogate((char)cp) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                cp = char.ConvertToUtf32((char)cp, input[++i]);
            }

            if (cp < 0x80 && _clean)
            {
                if (cp < 0x20 || cp == 0x7F)
                {
                    if (cp is '\t' or '\n' or '\r')
                    {
                        scratch.Add(' ');
                    }

                    continue;
                }

                scratch.Add(cp);
                continue;
            }

            AddNonAscii(cp, scratch);
        }

        var items = scratch.Items;
        for (int i = 0; i < scratch.Count; i++)
        {
            int cp = items[i];
            if (_strip && CharClasses.IsNonSpacingMark(cp))
            {
                continue;
            }

            if (_lower)
            {
                CharClasses.AppendLower(cp, output);
            }
            else
            {
                output.Add(cp);
            }
        }
    }

    /// <summary>Normalizes a whole string (tests and added-token preparation; not the hot path).</summary>
    public string Normalize(string input)
    {
        var output = new CharBuffer();
        Normalize(input, output, new CodePointBuffer());
        return output.Span.ToString();
    }

    private void AddNonAscii(int cp, CodePointBuffer scratch)
    {
        if (_clean)
        {
            if (cp is 0 or 0xFFFD || CharClasses.IsControl(cp))
            {
                return;
            }

            if (CharClasses.IsWhitespace(cp))
            {
                cp = ' ';
            }
        }

        if (_chinese && CharClasses.IsChinese(cp))
        {
            scratch.Add(' ');
            Emit(cp, scratch);
            scratch.Add(' ');
            return;
        }

        Emit(cp, scratch);
    }

    private void Emit(int cp, CodePointBuffer scratch)
    {
        if (_strip)
        {
            CanonicalDecomposition.Append(cp, scratch);
        }
        else
        {
            scratch.Add(cp);
        }
    }
}
