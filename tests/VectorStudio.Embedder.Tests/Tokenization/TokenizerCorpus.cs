// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;

namespace VectorStudio.Embedder.Tests.Tokenization;

/// <summary>
/// Varied texts the tokenizer is compared on with Hugging Face's tokenizers.js. Left out on purpose,
/// because tokenizers.js itself departs from the Rust tokenizers there (and we follow Rust):
/// CJK ideographs outside the BMP (it pads CJK per UTF-16 unit), a capital sigma that ends a word
/// (JavaScript's toLowerCase gives final ς; Rust maps per character to σ) and unassigned code points
/// (Rust's clean_text drops them; tokenizers.js keeps them).
/// </summary>
internal static class TokenizerCorpus
{
    public static IReadOnlyList<string> Texts { get; } = Build();

    private static string[] Build()
    {
        string[] texts =
        [
            "A man is eating food.",
            "",
            " ",
            "   \t\n  ",
            ".",
            "Hello, World!",
            "HELLO world HeLLo",
            "The quick brown fox jumps over the lazy dog.",
            "unaffable unbelievably tokenization embeddings",
            "Café crème brûlée à la carte; naïve façade, cœur, Ångström.",
            "Zażółć gęślą jaźń. Straße, ÄÖÜ äöü ß ẞ.",
            "İstanbul, ıiIİ, Diyarbakır.",
            "Việt Nam, Hà Nội, Thành phố Hồ Chí Minh.",
            "Καλημέρα κόσμε, ευχαριστώ πολύ.",
            "Привет, мир! Как дела?",
            "שָׁלוֹם עוֹלָם",
            "مرحبا بالعالم",
            "नमस्ते दुनिया, हिन्दी।",
            "สวัสดีชาวโลก",
            "한국어 문장입니다. 안녕하세요!",
            "日本語の文章です。ひらがなとカタカナ、漢字。",
            "我爱北京天安门。中文分词测试：你好，世界！",
            "混合 mixed 文字 text 123 中英文",
            "豈 更 車 (CJK compatibility ideographs) and 㐀㐁 (extension A)",
            "Emoji: 😀😃😄 👍🏽 👨‍👩‍👧 ❤️ 🇫🇷 done",
            "Math: ∑ x² ≤ ∞, ½ + ¼ = ¾, α β γ, √2 ≈ 1.414",
            "Ligatures and width: ﬁnance ﬂow ＡＢＣ ｆｕｌｌ ｗｉｄｔｈ ①②③",
            "Numbers 3.14159, 1,000,000, $5.00, 50%, -273.15°C, 2024-06-01T12:00:00Z",
            "Visit https://example.com/path?query=1&b=two#frag or mail me@example.org!",
            "Punctuation runs!!! ??? ... --- ;;; ::: ((())) [[[ ]]] {{{}}} <<<>>> ~~~ ^^^ ```",
            "“Smart quotes” ‘single’ «guillemets» „German“ — em dash – en dash … ellipsis",
            "¿Qué tal? ¡Muy bien! ¿Y tú?",
            "state-of-the-art, don't, it's, rock'n'roll, e.g., i.e., U.S.A.",
            "Code: foo(bar) => baz[0]; if (a && b || !c) { return x->y; } // comment",
            "C++ and C# and F# and .NET 10 and node.js",
            "#hashtag @mention ##ing ### $$$ %%% &&&",
            "<p class=\"x\">Hello <b>bold</b></p>",
            "Tabs\tand\nnewlines\r\nand\u00A0no-break\u2003em\u3000ideographic spaces",
            "Control\u0001chars\u0007and\u001Fdeletes\u007F and NUL\u0000 and replacement\uFFFD gone",
            "Zero\u200Bwidth\u200Cjoiners\u200D soft\u00ADhyphen and BOM\uFEFFhere",
            "Private use \uE000\uF8FF chars",
            "Combining: e\u0301 a\u0308 o\u0323\u0302 n\u0303 and a\u0307\u0323 ordering",
            "Special tokens in text: [CLS] [SEP] [MASK] [PAD] [UNK] and lowercase [cls] [mask]",
            "[CLS][SEP]x[MASK]y",
            "Supercalifragilisticexpialidocious and pneumonoultramicroscopicsilicovolcanoconiosis",
            new string('a', 100),
            new string('b', 101),
            new string('x', 50) + "é" + new string('y', 60),
            "The year 1984, the number 42, and 007.",
            "UPPER lower MiXeD ÉCOLE ÉLÈVE",
            "Ｈｅｌｌｏ，ｗｏｒｌｄ！（ｆｕｌｌｗｉｄｔｈ）",
            "a-b_c.d/e\\f|g",
            "Dr. Smith's 3rd-quarter results: revenue up 12.5% YoY (vs. 9.8%).",
        ];

        var longText = new StringBuilder();
        for (int i = 0; i < 40; i++)
        {
            longText.Append("Sentence number ").Append(i)
                .Append(" talks about vector databases, embeddings and search. ");
        }

        var veryLong = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            veryLong.Append("word").Append(i % 7).Append(i % 2 == 0 ? ", " : " ünïcödé ");
        }

        var cjk = string.Concat(Enumerable.Repeat("漢字テスト ", 100));
        return [.. texts, longText.ToString(), veryLong.ToString(), cjk];
    }
}
