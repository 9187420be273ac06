// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Globalization;

namespace VectorStudio.Hosting;

/// <summary>Parsed and validated option values, with where each came from.</summary>
public sealed class OptionValues
{
    private readonly Dictionary<string, (string? Value, string Source)> _values;

    internal OptionValues(Dictionary<string, (string? Value, string Source)> values) => _values = values;

    public string? GetString(string name) => Lookup(name).Value;

    public string GetRequiredString(string name) =>
        Lookup(name).Value ?? throw new InvalidOperationException($"Option {name} has no value.");

    public long GetInteger(string name) =>
        long.Parse(GetRequiredString(name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public bool GetBoolean(string name) => OptionParser.ParseBoolean(GetRequiredString(name)) ?? false;

    /// <summary>"default", "config file", "environment" or "command line".</summary>
    public string SourceOf(string name) => Lookup(name).Source;

    private (string? Value, string Source) Lookup(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"Unknown option {name}.", nameof(name));
}
