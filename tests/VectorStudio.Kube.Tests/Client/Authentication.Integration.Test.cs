// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using VectorStudio.Kube.Client;
using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Fake;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Client;

/// <summary>Bearer-token rotation and mutual TLS, end to end over real sockets.</summary>
public sealed class AuthenticationIntegrationTest
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Requests_Should_CarryTheRotatedToken_When_TheTokenFileChanges()
    {
        var time = new ManualTimeProvider();
        using var dir = new TempDir();
        var tokenPath = dir.Write("token", "token-1");
        await using var server = await TestKube.StartAsync();
        server.ValidTokens = new HashSet<string> { "token-1" };
        using var client = TestKube.Client(server, new FileTokenSource(tokenPath, time));
        await client.ListAsync<Widget>(TestKube.Widgets, null);

        // The kubelet rotates the token; the old one stops working once the new one is issued.
        await File.WriteAllTextAsync(tokenPath, "token-2");
        server.ValidTokens = new HashSet<string> { "token-2" };
        var stale = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync<Widget>(TestKube.Widgets, null));
        time.Advance(FileTokenSource.RefreshInterval);
        await client.ListAsync<Widget>(TestKube.Widgets, null);

        Assert.Equal(KubeErrorKind.Unauthorized, stale.Kind);
        Assert.Equal(["token-1", "token-1", "token-2"], server.Requests.Select(r => r.Token));
    }

    [Fact]
    public async Task Requests_Should_Succeed_When_KubeconfigHasTheCaAndAClientCertificate()
    {
        using var certs = TestCertificates.Create();
        await using var server = await FakeKubeApiServer.StartAsync(new FakeServerOptions { Tls = certs, RequireClientCertificate = true });
        using var dir = new TempDir();
        var config = dir.Write("config", $"""
            current-context: x
            clusters: [{"{"}name: c, cluster: {"{"}server: "https://localhost:{server.Url.Port}", certificate-authority-data: {B64(TestCertificates.CertificatePem(certs.Ca))}{"}"}{"}"}]
            users: [{"{"}name: u, user: {"{"}client-certificate-data: {B64(TestCertificates.CertificatePem(certs.Client))}, client-key-data: {B64(TestCertificates.KeyPem(certs.Client))}{"}"}{"}"}]
            contexts: [{"{"}name: x, context: {"{"}cluster: c, user: u, namespace: tls{"}"}{"}"}]
            """);
        using var client = new KubeApiClient(KubeConfigLoader.LoadFile(config));

        var list = await client.ListAsync<VectorStudio.Kube.Models.Coordination.Lease>(VectorStudio.Kube.Models.ResourceType.Lease, "tls");

        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task Requests_Should_FailWithATlsError_When_TheServerIsNotSignedByTheConfiguredCa()
    {
        using var certs = TestCertificates.Create();
        using var otherCa = TestCertificates.Create();
        await using var server = await FakeKubeApiServer.StartAsync(new FakeServerOptions { Tls = certs });
        var settings = new KubeClientSettings
        {
            Server = new Uri($"https://localhost:{server.Url.Port}"),
            CertificateAuthorities = [otherCa.Ca],
        };
        using var client = new KubeApiClient(settings);

        var ex = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync<Widget>(TestKube.Widgets, "x"));

        Assert.Equal(KubeErrorKind.Unreachable, ex.Kind);
        Assert.Contains("SSL", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Requests); // never reached the HTTP layer
    }
}
