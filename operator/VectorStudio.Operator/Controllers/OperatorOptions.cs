// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using VectorStudio.Hosting;
using D = VectorStudio.Operator.Controllers.OperatorOptionDefinitions;

namespace VectorStudio.Operator.Controllers;

/// <summary>The bound, checked settings of <c>vector-studio-operator run</c>.</summary>
public sealed record OperatorOptions
{
    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    /// <summary>Watch every namespace (wins over <see cref="Namespaces"/>).</summary>
    public bool AllNamespaces { get; init; }

    /// <summary>Namespaces to watch; empty: the client's default namespace.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public bool LeaderElect { get; init; } = true;

    public string LeaseName { get; init; } = "vector-studio-operator";

    /// <summary>Null: the client's default namespace.</summary>
    public string? LeaseNamespace { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public string Identity { get; init; } = Environment.MachineName;

    public int Workers { get; init; } = 2;

    /// <summary>Null: no HTTP endpoint (tests that run several operators in one process).</summary>
    public int? HttpPort { get; init; }

    public string Bind { get; init; } = "0.0.0.0";

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Binds parsed values; adds cross-field problems to <paramref name="errors"/> and returns null then.</summary>
    public static OperatorOptions? FromValues(OptionValues values, Func<string, string?> environment, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(errors);
        var options = new OperatorOptions
        {
            Kubeconfig = Blank(values.GetString(D.Kubeconfig)),
            Context = Blank(values.GetString(D.Context)),
            AllNamespaces = values.GetBoolean(D.AllNamespaces),
            Namespaces = [.. (values.GetString(D.Namespaces) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            LeaderElect = values.GetBoolean(D.LeaderElect),
            LeaseName = values.GetRequiredString(D.LeaseName),
            LeaseNamespace = Blank(values.GetString(D.LeaseNamespace)) ?? Blank(environment("POD_NAMESPACE")),
            LeaseDuration = TimeSpan.FromSeconds(values.GetInteger(D.LeaseDuration)),
            RenewDeadline = TimeSpan.FromSeconds(values.GetInteger(D.RenewDeadline)),
            RetryPeriod = TimeSpan.FromSeconds(values.GetInteger(D.RetryPeriod)),
            Identity = Blank(values.GetString(D.Identity)) ?? Blank(environment("POD_NAME")) ?? Environment.MachineName,
            Workers = (int)values.GetInteger(D.Workers),
            HttpPort = (int)values.GetInteger(D.HttpPort),
            Bind = values.GetRequiredString(D.Bind),
            LogLevel = Enum.Parse<LogLevel>(values.GetRequiredString(D.LogLevel)),
        };

        // client-go's rule: the leader must give up (RenewDeadline) before a standby may take over
        // (LeaseDuration), and must try to renew more than once within the deadline.
        if (options.LeaderElect && !(options.LeaseDuration > options.RenewDeadline && options.RenewDeadline > options.RetryPeriod))
        {
            errors.Add($"{D.LeaseDuration} ({options.LeaseDuration.TotalSeconds}) must be greater than {D.RenewDeadline} "
                + $"({options.RenewDeadline.TotalSeconds}), which must be greater than {D.RetryPeriod} ({options.RetryPeriod.TotalSeconds})");
            return null;
        }

        return options;
    }

    /// <summary>The namespaces informers watch: null for all, else the list (the default namespace when empty).</summary>
    public IReadOnlyList<string>? WatchedNamespaces(string defaultNamespace)
        => AllNamespaces ? null : Namespaces.Count > 0 ? Namespaces : [defaultNamespace];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
