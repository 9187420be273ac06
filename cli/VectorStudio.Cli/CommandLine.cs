// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;

namespace VectorStudio.Cli;

/// <summary>
/// The words of one vsctl invocation: positional arguments and <c>--name value</c> options (a
/// flag without a value is "true"). Commands take what they need and <see cref="EnsureAllUsed"/>
/// rejects anything left over, so a mistyped option never passes silently.
/// </summary>
public sealed class CommandLine
{
    private static readonly HashSet<string> Flags = ["json", "with-payload", "with-vectors", "stream", "exact", "int8", "help", "no-wait", "id-feature", "require-label"];

    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                _positionals.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                _options[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (Flags.Contains(arg[2..]) || i + 1 >= args.Count)
            {
                _options[arg[2..]] = "true";
            }
            else
            {
                _options[arg[2..]] = args[++i];
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public string? Positional(int index) => index < _positionals.Count ? _positionals[index] : null;

    public string RequirePositional(int index, string what) =>
        Positional(index) ?? throw new UsageException($"missing {what}");

    public string? Option(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public bool Flag(string name) => Option(name) is { } v && v != "false";

    public long Number(string name, long fallback, long min, long max)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be an integer in {min}..{max}, not '{text}'");
        }

        return value;
    }

    /// <summary>Fails on options no command asked for, and on extra positional arguments.</summary>
    public void EnsureAllUsed(int positionalsUsed)
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown option{(unknown.Count > 1 ? "s" : string.Empty)}: {string.Join(", ", unknown.Select(u => "--" + u))}");
        }

        if (_positionals.Count > positionalsUsed)
        {
            throw new UsageException($"unexpected argument '{_positionals[positionalsUsed]}'");
        }
    }
}

/// <summary>A command line that vsctl cannot run; exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
