// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace VectorStudio.Embedder.Tokenization.Unicode;

/// <summary>
/// The character classes of Hugging Face's BERT normalizer and pre-tokenizer (tokenizers crate,
/// <c>normalizers/bert.rs</c>, <c>pre_tokenizers/bert.rs</c>), on code points. Category data is
/// .NET's own (it needs no ICU, so it works under InvariantGlobalization).
/// </summary>
internal static class CharClasses
{
    public static UnicodeCategory Category(int codePoint) =>
        codePoint <= char.MaxValue
            ? CharUnicodeInfo.GetUnicodeCategory((char)codePoint)
            : CharUnicodeInfo.GetUnicodeCategory(codePoint);

    /// <summary>
    /// Control in BERT's sense: Unicode "other" (Cc, Cf, Cn, Co; Cs for a lone surrogate), except tab,
    /// newline and carriage return, which count as whitespace.
    /// </summary>
    public static bool IsControl(int codePoint)
    {
        if (codePoint is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Category(codePoint) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    /// <summary>The Unicode White_Space property (which includes tab, newline and carriage return).</summary>
    public static bool IsWhitespace(int codePoint) =>
        codePoint <= char.MaxValue ? char.IsWhiteSpace((char)codePoint) : Rune.IsWhiteSpace(new Rune(codePoint));

    /// <summary>CJK ideograph blocks as BERT defines them (not Hangul, Hiragana or Katakana).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsChinese(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B920 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    /// <summary>ASCII punctuation (which includes symbols such as $, +, ^) or any Unicode P* category.</summary>
    public static bool IsPunctuation(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint is (>= 0x21 and <= 0x2F) or (>= 0x3A and <= 0x40) or (>= 0x5B and <= 0x60)
                or (>= 0x7B and <= 0x7E);
        }

        return Category(codePoint) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }

    public static bool IsNonSpacingMark(int codePoint) =>
        codePoint >= 0x0300 && Category(codePoint) == UnicodeCategory.NonSpacingMark;

    /// <summary>
    /// Appends the lower case of <paramref name="codePoint"/> as Rust's <c>char::to_lowercase</c> does:
    /// the simple mapping, except U+0130 (İ), whose full mapping is "i" + U+0307.
    /// </summary>
    public static void AppendLower(int codePoint, CharBuffer output)
    {
        if (codePoint < 0x80)
        {
            output.Add((char)(codePoint is >= 'A' and <= 'Z' ? codePoint | 0x20 : codePoint));
        }
        else if (codePoint == 0x130)
        {
            output.Add('i');
            output.Add('\u0307');
        }
        else if (codePoint <= char.MaxValue)
        {
            output.Add(char.ToLowerInvariant((char)codePoint));
        }
        else
        {
            output.Add(Rune.ToLowerInvariant(new Rune(codePoint)));
        }
    }
}
