// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;

namespace VectorStudio.Cli.Output;

/// <summary>A plain text table for people: a header row, aligned columns, numbers right-aligned.</summary>
public sealed class Table
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public Table(params string[] headers) => _headers = headers;

    public Table Add(params object?[] cells)
    {
        _rows.Add([.. cells.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)]);
        return this;
    }

    public override string ToString()
    {
        var widths = _headers.Select(h => h.Length).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length && i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        AppendRow(text, _headers, widths);
        AppendRow(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : string.Empty;
            var numeric = cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] == '-') && double.TryParse(cell, out _);
            text.Append(numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            text.Append(i + 1 < widths.Length ? "  " : string.Empty);
        }

        text.Append('\n');
    }
}
