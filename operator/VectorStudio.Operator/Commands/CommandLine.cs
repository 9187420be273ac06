// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

namespace VectorStudio.Operator.Commands;

/// <summary>
/// Dispatches <c>vector-studio-operator &lt;command&gt; [options]</c>. Exit codes: 0 done, 1 the
/// command failed (e.g. a file could not be written), 2 bad usage (the message says what is accepted).
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public const string UsageText = """
        Usage: vector-studio-operator <command> [options]

        Commands:
          run [options]            run the controller (run --help lists the options: kubeconfig or
                                   in-cluster, watch namespace, leader election, ports, log level)
          generate [--repo DIR]    write every generated file under the repository root DIR (default .):
                                   crds/, charts/vector-studio/crds/, charts/vector-studio/files/rbac/
          crds [--output DIR]      write the VectorCluster CRD manifest into DIR (default crds)
          rbac [--output DIR]      write the operator's RBAC rules into DIR (default charts/vector-studio/files/rbac)
          help                     this text
        """;

    /// <summary>Dispatches any command; <c>run</c> serves until SIGTERM or <paramref name="ct"/>.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && args[0] == "run"
            ? RunCommand.RunAsync([.. args.Skip(1)], stdout, stderr, Environment.GetEnvironmentVariables(), ct)
            : Task.FromResult(Run(args, stdout, stderr));
    }

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            stdout.Write(UsageText);
            return args.Count == 0 ? Usage : Ok;
        }

        var command = args[0];
        return command switch
        {
            "generate" => WithOption(args, "--repo", ".", stderr, dir => GenerateCommand.Generate(dir, stdout, stderr)),
            "crds" => WithOption(args, "--output", "crds", stderr, dir => GenerateCommand.Crds(dir, stdout, stderr)),
            "rbac" => WithOption(args, "--output", "charts/vector-studio/files/rbac", stderr,
                dir => GenerateCommand.Rbac(dir, stdout, stderr)),
            "run" => Fail(stderr, "run is a long-running command: call RunAsync"),
            _ => Fail(stderr, $"unknown command '{command}'; accepted: run, generate, crds, rbac, help"),
        };
    }

    private static int WithOption(
        IReadOnlyList<string> args, string option, string fallback, TextWriter stderr, Func<string, int> run)
    {
        var value = fallback;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == option && i + 1 < args.Count)
            {
                value = args[++i];
            }
            else if (args[i].StartsWith(option + "=", StringComparison.Ordinal))
            {
                value = args[i][(option.Length + 1)..];
            }
            else
            {
                return Fail(stderr, $"{args[0]}: unexpected argument '{args[i]}'; accepted: {option} DIR");
            }
        }

        return string.IsNullOrWhiteSpace(value) ? Fail(stderr, $"{args[0]}: {option} needs a directory") : run(value);
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("vector-studio-operator: " + message);
        stderr.Write(UsageText);
        return Usage;
    }
}
