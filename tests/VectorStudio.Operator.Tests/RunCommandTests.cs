// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Collections;
using Microsoft.Extensions.Logging.Abstractions;
using VectorStudio.Hosting;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Configuration;
using VectorStudio.Operator.Commands;
using VectorStudio.Operator.Controllers;
using VectorStudio.Operator.Tests.Infrastructure;
using VectorStudio.Tests;

namespace VectorStudio.Operator.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vs-operator-run-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _out.Dispose();
        _err.Dispose();
    }

    [Fact]
    public async Task Run_Should_ExitWithUsageAndSayWhatIsWrong_When_TheKubeconfigIsMalformed()
    {
        var path = Path.Combine(_dir, "config");
        await File.WriteAllTextAsync(path, "clusters: [ this is : not yaml");

        var code = await CommandLine.RunAsync(["run", "--kubeconfig", path, "--http-port", "0"], _out, _err, CancellationToken.None);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("kubeconfig", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains(path, _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Should_ExitWithUsage_When_TheKubeconfigDoesNotExist()
    {
        var code = await CommandLine.RunAsync(["run", "--kubeconfig", Path.Combine(_dir, "missing")], _out, _err, CancellationToken.None);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("does not exist", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Should_RefuseLeaseTimings_When_TheRenewDeadlineIsNotBelowTheLeaseDuration()
    {
        var code = await RunCommand.RunAsync(["--lease-duration-seconds", "5", "--renew-deadline-seconds", "5"], _out, _err,
            new Hashtable(), CancellationToken.None);

        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("lease-duration-seconds (5) must be greater than renew-deadline-seconds (5)", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Should_ListEveryOption_When_Asked()
    {
        var code = await CommandLine.RunAsync(["run", "--help"], _out, _err, CancellationToken.None);

        Assert.Equal(CommandLine.Ok, code);
        Assert.All(OperatorOptionDefinitions.All, d => Assert.Contains(d.Flag, _out.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Host_Should_StayUpAndSayWhyOnReadyz_When_TheApiServerRefusesTheToken()
    {
        await using var env = await OperatorTestEnv.StartAsync();
        env.Server.ValidTokens = new HashSet<string>(StringComparer.Ordinal) { "good" };
        using var client = new KubeApiClient(new KubeClientSettings
        {
            Server = env.Server.Url,
            Namespace = OperatorTestEnv.Namespace,
            Token = new StaticTokenSource("bad"),
        });
        await using var host = new OperatorHost(new OperatorOptions { Identity = "op" }, client, NullLoggerFactory.Instance);
        host.Start();

        await Eventually.TrueAsync(() => host.Readiness.NotReadyReason?.Contains("refused", StringComparison.Ordinal) == true,
            "/readyz names the refused credentials");
        Assert.False(host.IsLeading);

        // Fixing the credentials (here: accepting the token) recovers without a restart.
        env.Server.ValidTokens = new HashSet<string>(StringComparer.Ordinal) { "bad" };
        await Eventually.TrueAsync(() => host.Readiness.IsReady && host.IsLeading, "ready and leading once the token is accepted");
    }

    [Fact]
    public void ChartDeployment_Should_PassOnlyFlagsRunAccepts_When_Rendered()
    {
        var template = File.ReadAllLines(Path.Combine(RepoPaths.Root, "charts", "vector-studio", "templates", "deployment.yaml"));
        var flags = template.Select(l => l.Trim())
            .Where(l => l.StartsWith("- --", StringComparison.Ordinal))
            .Select(l => l[4..].Split('=')[0])
            .ToList();

        Assert.Contains("all-namespaces", flags);
        Assert.Contains("namespace", flags);
        Assert.All(flags, f => Assert.Contains(OperatorOptionDefinitions.All, d => d.Name == f));
        var parsed = OptionParser.Parse(OperatorOptionDefinitions.All,
            ["--namespace=db,search", "--leader-elect=true", "--lease-namespace=ops", "--lease-duration-seconds=15",
                "--renew-deadline-seconds=10", "--http-port=8080", "--log-level=Information"], new Hashtable());
        Assert.Empty(parsed.Errors);
        var options = OperatorOptions.FromValues(parsed.Values, _ => null, [])!;
        Assert.Equal(["db", "search"], options.WatchedNamespaces("default"));
    }

    [Fact]
    public void ResolveSettings_Should_ReadTheExplicitKubeconfig_When_Given()
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters: [{name: c, cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: t0k}}]
            contexts: [{name: dev, context: {cluster: c, user: u, namespace: team}}]
            """);

        var settings = RunCommand.ResolveSettings(new OperatorOptions { Kubeconfig = path }, _ => null);

        Assert.Equal(new Uri("https://10.0.0.1:6443"), settings.Server);
        Assert.Equal("team", settings.Namespace);
    }
}
