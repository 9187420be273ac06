// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;

namespace VectorStudio.Embedder.Tokenization.Unicode;

/// <summary>
/// Unicode canonical decomposition (NFD) from an embedded table, because the process runs with
/// InvariantGlobalization, where <see cref="string.Normalize()"/> returns its input unchanged.
/// Hangul syllables decompose algorithmically (Unicode §3.12); everything else comes from
/// <c>nfd.txt</c>, generated from Python's unicodedata by <c>embedder-node/tools/gen-nfd-table.py</c>.
/// </summary>
internal static class CanonicalDecomposition
{
    private const int SBase = 0xAC00;
    private const int LBase = 0x1100;
    private const int VBase = 0x1161;
    private const int TBase = 0x11A7;
    private const int VCount = 21;
    private const int TCount = 28;
    private const int NCount = VCount * TCount;
    private const int SCount = 11172;

    /// <summary>The lowest code point with a decomposition or a non-zero combining class.</summary>
    private const int FirstInteresting = 0x00C0;

    private static readonly Table Data = Load();

    /// <summary>The Unicode version of the embedded data.</summary>
    public static string DataVersion => Data.Version;

    /// <summary>The canonical combining class of <paramref name="codePoint"/> (0 for starters).</summary>
    public static int CombiningClass(int codePoint) =>
        codePoint >= 0x0300 && Data.CombiningClasses.TryGetValue(codePoint, out var ccc) ? ccc : 0;

    /// <summary>
    /// Appends the full canonical decomposition of <paramref name="codePoint"/> to <paramref name="output"/>,
    /// keeping the trailing run of combining marks in canonical order.
    /// </summary>
    public static void Append(int codePoint, CodePointBuffer output)
    {
        if (codePoint < FirstInteresting)
        {
            output.Add(codePoint);
            return;
        }

        int s = codePoint - SBase;
        if ((uint)s < SCount)
        {
            output.Add(LBase + (s / NCount));
            output.Add(VBase + (s % NCount / TCount));
            if (s % TCount != 0)
            {
                output.Add(TBase + (s % TCount));
            }

            return;
        }

        if (Data.Decompositions.TryGetValue(codePoint, out var range))
        {
            foreach (int part in Data.Pool.AsSpan(range.Start, range.Length))
            {
                AddOrdered(part, output);
            }

            return;
        }

        AddOrdered(codePoint, output);
    }

    /// <summary>Canonical ordering: a mark moves before preceding marks of a higher combining class.</summary>
    private static void AddOrdered(int codePoint, CodePointBuffer output)
    {
        int ccc = CombiningClass(codePoint);
        output.Add(codePoint);
        if (ccc == 0)
        {
            return;
        }

        var items = output.Items;
        int i = output.Count - 1;
        while (i > 0)
        {
            int previous = CombiningClass(items[i - 1]);
            if (previous <= ccc)
            {
                break;
            }

            (items[i - 1], items[i]) = (items[i], items[i - 1]);
            i--;
        }
    }

    private static Table Load()
    {
        using var stream = typeof(CanonicalDecomposition).Assembly
            .GetManifestResourceStream("VectorStudio.Embedder.nfd.txt")
            ?? throw new InvalidOperationException("The embedded NFD table (nfd.txt) is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var decompositions = new Dictionary<int, (int Start, int Length)>();
        var classes = new Dictionary<int, byte>();
        var pool = new List<int>();
        string version = "unknown";
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith('#'))
            {
                version = fields.Length > 2 ? fields[2] : version;
            }
            else if (fields[0] == "D")
            {
                decompositions[Hex(fields[1])] = (pool.Count, fields.Length - 2);
                pool.AddRange(fields.Skip(2).Select(Hex));
            }
            else if (fields[0] == "C")
            {
                classes[Hex(fields[1])] = byte.Parse(fields[2], CultureInfo.InvariantCulture);
            }
        }

        return new Table(version, decompositions, classes, [.. pool]);
    }

    private static int Hex(string text) => int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private sealed record Table(
        string Version,
        Dictionary<int, (int Start, int Length)> Decompositions,
        Dictionary<int, byte> CombiningClasses,
        int[] Pool);
}
