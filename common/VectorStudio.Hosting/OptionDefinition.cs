// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Hosting;

/// <summary>
/// One setting of a host, under the one set of names it has everywhere: the flag
/// <c>--grpc-port</c>, the environment variable <c>VECTORSTUDIO_GRPC_PORT</c> and the config file key
/// <c>grpcPort</c> all come from <see cref="Name"/>.
/// </summary>
/// <param name="Name">Lower-case words joined by '-', e.g. <c>grpc-port</c>.</param>
/// <param name="Kind">How the value is parsed and checked.</param>
/// <param name="Default">The value when no source sets it (null: unset).</param>
/// <param name="Description">One line for <c>--help</c> and the docs.</param>
/// <param name="Min">Lowest accepted value of an integer option.</param>
/// <param name="Max">Highest accepted value of an integer option.</param>
/// <param name="Choices">Accepted values of a choice option.</param>
public sealed record OptionDefinition(
    string Name,
    OptionKind Kind,
    string? Default,
    string Description,
    long Min = long.MinValue,
    long Max = long.MaxValue,
    IReadOnlyList<string>? Choices = null)
{
    public string Flag => "--" + Name;

    public string EnvironmentVariable => "VECTORSTUDIO_" + Name.Replace('-', '_').ToUpperInvariant();

    /// <summary>The camelCase key in a JSON config file.</summary>
    public string ConfigKey
    {
        get
        {
            var parts = Name.Split('-');
            return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        }
    }
}

/// <summary>Value kinds of <see cref="OptionDefinition"/>.</summary>
public enum OptionKind
{
    Text,
    Number,
    Boolean,
    Choice,
    Path,
}
