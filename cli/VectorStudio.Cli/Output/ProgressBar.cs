// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace VectorStudio.Cli.Output;

/// <summary>
/// A one-line progress bar with rate and ETA on stderr, redrawn at most 10 times a second. When
/// stderr is not a terminal it prints a plain line every few seconds instead, so logs stay readable.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 30;
    private readonly TextWriter _writer;
    private readonly string _label;
    private readonly long _total;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawTicks = -1;

    public ProgressBar(string label, long total, TextWriter? writer = null)
    {
        _label = label;
        _total = total;
        _writer = writer ?? Console.Error;
        _interactive = writer is null && !Console.IsErrorRedirected;
    }

    public void Report(long done)
    {
        var interval = _interactive ? Stopwatch.Frequency / 10 : Stopwatch.Frequency * 5;
        var now = _clock.ElapsedTicks;
        if (_lastDrawTicks >= 0 && now - _lastDrawTicks < interval && done < _total)
        {
            return;
        }

        _lastDrawTicks = now;
        Draw(done, final: false);
    }

    public void Complete(long done) => Draw(done, final: true);

    private void Draw(long done, bool final)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-6);
        var rate = done / seconds;
        var fraction = _total > 0 ? Math.Clamp((double)done / _total, 0, 1) : 1;
        var filled = (int)Math.Round(fraction * Width);
        var eta = rate > 0 && _total > done ? TimeSpan.FromSeconds((_total - done) / rate) : TimeSpan.Zero;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{_label} [{new string('#', filled)}{new string('-', Width - filled)}] {done:N0}/{_total:N0} {fraction * 100,5:F1}% {rate:N0}/s");
        line += final ? $" in {seconds:F1}s" : $" eta {eta:mm\\:ss}";
        if (_interactive)
        {
            _writer.Write("\r" + line.PadRight(100));
            if (final)
            {
                _writer.WriteLine();
            }
        }
        else
        {
            _writer.WriteLine(line);
        }
    }
}
