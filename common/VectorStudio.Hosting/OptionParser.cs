// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VectorStudio.Hosting;

/// <summary>
/// Reads options from, in rising precedence: defaults, a JSON config file (<c>--config FILE</c> or
/// <c>VECTORSTUDIO_CONFIG</c>), environment variables, and command-line flags. Every problem is
/// collected, so one run reports all of them, each naming the source and what is accepted.
/// </summary>
public static class OptionParser
{
    public const string ConfigOptionName = "config";

    public static OptionParseResult Parse(
        IReadOnlyList<OptionDefinition> definitions,
        IReadOnlyList<string> args,
        IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var errors = new List<string>();
        var values = definitions.ToDictionary(d => d.Name, d => (d.Default, "default"), StringComparer.Ordinal);

        var flags = ReadFlags(args, byName, errors, out var help);
        var configPath = flags.TryGetValue(ConfigOptionName, out var p) ? p : environment["VECTORSTUDIO_CONFIG"] as string;
        if (!string.IsNullOrEmpty(configPath))
        {
            ReadConfigFile(configPath, definitions, values, errors);
        }

        foreach (var d in definitions)
        {
            if (environment[d.EnvironmentVariable] is string env)
            {
                values[d.Name] = (env, "environment variable " + d.EnvironmentVariable);
            }
        }

        foreach (var (name, value) in flags)
        {
            if (name != ConfigOptionName)
            {
                values[name] = (value, "command line " + byName[name].Flag);
            }
        }

        foreach (var d in definitions)
        {
            var (value, source) = values[d.Name];
            if (value is not null && Validate(d, value) is { } problem)
            {
                errors.Add($"{d.Flag}: {problem} (from {source})");
            }
        }

        return new OptionParseResult(new OptionValues(values), errors, help);
    }

    /// <summary>The text of <c>--help</c>: one line per option with its environment variable and default.</summary>
    public static string Usage(string command, IReadOnlyList<OptionDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Usage: {command} [options]\n\nOptions (flag / environment variable / config file key):\n");
        foreach (var d in definitions)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {d.Flag,-28} {d.Description}\n");
            text.Append(CultureInfo.InvariantCulture, $"  {string.Empty,-28} env {d.EnvironmentVariable}, key {d.ConfigKey}");
            if (d.Default is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", default {d.Default}");
            }

            text.Append('\n');
        }

        text.Append("  --config FILE                a JSON file of the keys above (env VECTORSTUDIO_CONFIG)\n");
        text.Append("  --help                       this text\n");
        return text.ToString();
    }

    internal static bool? ParseBoolean(string value) => value.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "ON" => true,
        "FALSE" or "0" or "NO" or "OFF" => false,
        _ => null,
    };

    private static Dictionary<string, string> ReadFlags(
        IReadOnlyList<string> args,
        Dictionary<string, OptionDefinition> byName,
        List<string> errors,
        out bool help)
    {
        help = false;
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                errors.Add($"unexpected argument '{arg}': options are given as --name value");
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            string? value = eq > 0 ? arg[(eq + 1)..] : null;
            if (name != ConfigOptionName && !byName.ContainsKey(name))
            {
                errors.Add($"unknown option --{name}; accepted: {string.Join(", ", byName.Values.Select(d => d.Flag))}, --config");
                continue;
            }

            var isBoolean = byName.TryGetValue(name, out var d) && d.Kind == OptionKind.Boolean;
            if (value is null && isBoolean && (i + 1 >= args.Count || ParseBoolean(args[i + 1]) is null))
            {
                value = "true";
            }
            else if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    errors.Add($"--{name} needs a value");
                    continue;
                }

                value = args[++i];
            }

            flags[name] = value;
        }

        return flags;
    }

    private static void ReadConfigFile(
        string path,
        IReadOnlyList<OptionDefinition> definitions,
        Dictionary<string, (string? Value, string Source)> values,
        List<string> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"config file {path}: cannot be read: {e.Message}");
            return;
        }
        catch (JsonException e)
        {
            errors.Add($"config file {path}: not valid JSON: {e.Message}");
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"config file {path}: must hold a JSON object of option keys");
                return;
            }

            var byKey = definitions.ToDictionary(d => d.ConfigKey, StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!byKey.TryGetValue(property.Name, out var d))
                {
                    errors.Add($"config file {path}: unknown key '{property.Name}'; accepted: {string.Join(", ", byKey.Keys)}");
                    continue;
                }

                var value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => null,
                };
                if (value is null)
                {
                    errors.Add($"config file {path}: key '{property.Name}' must be a string, number or boolean");
                    continue;
                }

                values[d.Name] = (value, $"config file {path}");
            }
        }
    }

    private static string? Validate(OptionDefinition d, string value) => d.Kind switch
    {
        OptionKind.Number when !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) =>
            $"'{value}' is not an integer",
        OptionKind.Number when long.Parse(value, CultureInfo.InvariantCulture) is var n && (n < d.Min || n > d.Max) =>
            $"{value} is out of range; accepted: {d.Min}..{d.Max}",
        OptionKind.Boolean when ParseBoolean(value) is null => $"'{value}' is not a boolean; accepted: true, false",
        OptionKind.Choice when d.Choices is { } choices && !choices.Contains(value, StringComparer.Ordinal) =>
            $"'{value}' is not one of: {string.Join(", ", choices)}",
        OptionKind.Path or OptionKind.Text when string.IsNullOrWhiteSpace(value) => "must not be empty",
        OptionKind.Text or OptionKind.Number or OptionKind.Boolean or OptionKind.Choice or OptionKind.Path => null,
    };
}

/// <summary>The outcome of <see cref="OptionParser.Parse"/>.</summary>
public sealed record OptionParseResult(OptionValues Values, IReadOnlyList<string> Errors, bool HelpRequested)
{
    public bool IsValid => Errors.Count == 0;
}
