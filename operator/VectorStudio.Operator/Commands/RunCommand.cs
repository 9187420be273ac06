// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VectorStudio.Hosting;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Configuration;
using VectorStudio.Metrics;
using VectorStudio.Operator.Controllers;

namespace VectorStudio.Operator.Commands;

/// <summary>
/// <c>vector-studio-operator run</c>: binds options, resolves the API server's address and
/// credentials, serves /metrics /healthz /readyz and runs the controller host until SIGTERM.
/// A bad option or kubeconfig exits at once with code 2 and a message (nothing to retry); an
/// unreachable or refusing API server does not exit: the host retries with backoff and /readyz
/// says why, so the pod does not crash-loop.
/// </summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr,
        IDictionary environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parsed = OptionParser.Parse(OperatorOptionDefinitions.All, args, environment);
        if (parsed.HelpRequested)
        {
            await stdout.WriteAsync(OptionParser.Usage("vector-studio-operator run", OperatorOptionDefinitions.All)).ConfigureAwait(false);
            return CommandLine.Ok;
        }

        var errors = new List<string>(parsed.Errors);
        var options = errors.Count == 0 ? OperatorOptions.FromValues(parsed.Values, name => environment[name] as string, errors) : null;
        KubeClientSettings? settings = null;
        try
        {
            settings = options is null ? null : ResolveSettings(options, name => environment[name] as string);
        }
        catch (KubeConfigException ex)
        {
            errors.Add("kubeconfig: " + ex.Message);
        }

        if (options is null || settings is null)
        {
            foreach (var error in errors)
            {
                await stderr.WriteLineAsync("vector-studio-operator run: " + error).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'vector-studio-operator run --help' for the options.").ConfigureAwait(false);
            return CommandLine.Usage;
        }

        await ServeAsync(options, settings, ct).ConfigureAwait(false);
        return CommandLine.Ok;
    }

    /// <summary>The explicit kubeconfig, else in-cluster when running in a pod, else KUBECONFIG / ~/.kube/config.</summary>
    public static KubeClientSettings ResolveSettings(OperatorOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kubeconfig is { } path)
        {
            return File.Exists(path)
                ? KubeConfigLoader.LoadFile(path, options.Context)
                : throw new KubeConfigException($"{path} does not exist");
        }

        return options.Context is null && InClusterConfig.IsAvailable(environment)
            ? InClusterConfig.Load(environment)
            : KubeConfigLoader.Load(KubeConfigLoader.DefaultPaths(environment), options.Context);
    }

    private static async Task ServeAsync(OperatorOptions options, KubeClientSettings settings, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(options.Bind), options.HttpPort ?? 8080));
        var app = builder.Build();
        var loggers = app.Services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? throw new InvalidOperationException("no logging");
        using var client = new KubeApiClient(settings, loggers.CreateLogger<KubeApiClient>());
        using var exporter = new PrometheusExporter("VectorStudio.");
        await using var host = new OperatorHost(options, client, loggers);
        app.MapObservability(exporter, host.Readiness);
        loggers.CreateLogger("operator").LogInformation("API server {Server} ({Source}); watching {Scope}", settings.Server,
            settings.Source, options.WatchedNamespaces(settings.Namespace) is { } list ? "namespaces " + string.Join(", ", list) : "all namespaces");
        host.Start();
        await app.StartAsync(ct).ConfigureAwait(false);
        await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
    }
}
