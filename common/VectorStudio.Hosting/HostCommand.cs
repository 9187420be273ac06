// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Security.Cryptography;

namespace VectorStudio.Hosting;

/// <summary>
/// The command line of a server process: parse options (flags, environment, config file), print
/// <c>--help</c>, report option errors (exit 2) and start-up errors (exit 1), then serve until
/// SIGINT / SIGTERM (exit 0).
/// </summary>
public static class HostCommand
{
    public static async Task<int> RunAsync<TOptions, THost>(
        string command,
        IReadOnlyList<OptionDefinition> definitions,
        string[] args,
        Func<OptionValues, List<string>, TOptions?> bind,
        Func<TOptions, Task<THost>> start,
        Func<THost, Task> waitForShutdown)
        where TOptions : class
        where THost : IAsyncDisposable
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(waitForShutdown);
        var parsed = OptionParser.Parse(definitions, args, Environment.GetEnvironmentVariables());
        if (parsed.HelpRequested)
        {
            await Console.Out.WriteAsync(OptionParser.Usage(command, definitions));
            return 0;
        }

        var errors = new List<string>(parsed.Errors);
        var options = errors.Count == 0 ? bind(parsed.Values, errors) : null;
        if (options is null)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"{command}: {error}");
            }

            await Console.Error.WriteLineAsync($"Run '{command} --help' for the options.");
            return 2;
        }

        THost host;
        try
        {
            host = await start(options);
        }
        catch (Exception e) when (e is StartupException or InvalidOperationException or IOException or CryptographicException)
        {
            await Console.Error.WriteLineAsync($"{command}: cannot start: {e.Message}");
            return 1;
        }

        await using (host)
        {
            await waitForShutdown(host);
        }

        return 0;
    }
}
