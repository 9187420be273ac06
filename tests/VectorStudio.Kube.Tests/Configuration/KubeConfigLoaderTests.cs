// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Text;
using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Fake;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Configuration;

/// <summary>Kubeconfig variants and every malformed one we know: each error names the file and the problem.</summary>
public sealed class KubeConfigLoaderTests
{
    private const string TokenConfig = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: c1
          cluster:
            server: https://10.1.2.3:6443
            insecure-skip-tls-verify: true
        users:
        - name: u1
          user:
            token: abc123
        contexts:
        - name: dev
          context:
            cluster: c1
            user: u1
            namespace: vectors
        - name: other
          context:
            cluster: c1
            user: u1
        """;

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task LoadFile_Should_ReadServerTokenAndNamespace_When_CurrentContextUsesAToken()
    {
        using var dir = new TempDir();

        var settings = KubeConfigLoader.LoadFile(dir.Write("config", TokenConfig));

        Assert.Equal(new Uri("https://10.1.2.3:6443"), settings.Server);
        Assert.Equal("vectors", settings.Namespace);
        Assert.True(settings.InsecureSkipTlsVerify);
        Assert.Equal("abc123", await settings.Token!.GetTokenAsync(default));
        Assert.Null(settings.ClientCertificate);
    }

    [Fact]
    public void LoadFile_Should_UseTheNamedContextAndDefaultNamespace_When_ContextIsGiven()
    {
        using var dir = new TempDir();

        var settings = KubeConfigLoader.LoadFile(dir.Write("config", TokenConfig), context: "other");

        Assert.Equal("default", settings.Namespace);
    }

    [Fact]
    public async Task LoadFile_Should_ResolveTokenFileRelativeToTheKubeconfig_When_PathIsRelative()
    {
        using var dir = new TempDir();
        dir.Write("secrets/token", "from-file\n");
        var yaml = TokenConfig.Replace("token: abc123", "tokenFile: secrets/token", StringComparison.Ordinal);

        var settings = KubeConfigLoader.LoadFile(dir.Write("config", yaml));

        Assert.Equal("from-file", await settings.Token!.GetTokenAsync(default));
    }

    [Fact]
    public void LoadFile_Should_LoadCaAndClientCertificate_When_GivenAsDataOrFiles()
    {
        using var certs = TestCertificates.Create();
        using var dir = new TempDir();
        var caPem = TestCertificates.CertificatePem(certs.Ca);
        var certPem = TestCertificates.CertificatePem(certs.Client);
        var keyPem = TestCertificates.KeyPem(certs.Client);
        dir.Write("pki/client.crt", certPem);
        dir.Write("pki/client.key", keyPem);
        var asData = $"""
            current-context: x
            clusters: [{"{"}name: c, cluster: {"{"}server: "https://127.0.0.1:1", certificate-authority-data: {B64(caPem)}{"}"}{"}"}]
            users: [{"{"}name: u, user: {"{"}client-certificate-data: {B64(certPem)}, client-key-data: {B64(keyPem)}{"}"}{"}"}]
            contexts: [{"{"}name: x, context: {"{"}cluster: c, user: u{"}"}{"}"}]
            """;
        dir.Write("pki/ca.crt", caPem);
        var asFiles = """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", certificate-authority: pki/ca.crt}}]
            users: [{name: u, user: {client-certificate: pki/client.crt, client-key: pki/client.key}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """;

        foreach (var settings in new[] { KubeConfigLoader.LoadFile(dir.Write("data", asData)), KubeConfigLoader.LoadFile(dir.Write("files", asFiles)) })
        {
            Assert.Equal(certs.Ca.Thumbprint, Assert.Single(settings.CertificateAuthorities).Thumbprint);
            Assert.Equal(certs.Client.Thumbprint, settings.ClientCertificate!.Thumbprint);
            Assert.True(settings.ClientCertificate.HasPrivateKey);
            Assert.Null(settings.Token);
        }
    }

    [Fact]
    public async Task Load_Should_MergeFilesFirstWins_When_KubeconfigIsAList()
    {
        using var dir = new TempDir();
        var first = dir.Write("a", """
            current-context: second-ctx
            users: [{name: u, user: {token: from-first}}]
            """);
        var second = dir.Write("b", """
            current-context: ignored
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:8080"}}]
            users: [{name: u, user: {token: from-second}}]
            contexts: [{name: second-ctx, context: {cluster: c, user: u}}]
            """);
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = $"{first}:{dir.Path}/missing:{second}" };

        var paths = KubeConfigLoader.DefaultPaths(k => env.GetValueOrDefault(k));
        var settings = KubeConfigLoader.Load(paths);

        Assert.Equal([first, second], paths);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), settings.Server);
        Assert.Equal("from-first", await settings.Token!.GetTokenAsync(default));
    }

    [Theory]
    [InlineData("clusters: [\n  - name: c\n    cluster: {server: x", "not a valid kubeconfig at line")]
    [InlineData("clusters: 12", "not a valid kubeconfig at line 1")]
    [InlineData("", "the file is empty")]
    [InlineData("clusters: []\ncontexts: [{name: a, context: {cluster: c}}]", "no current-context is set and no context was given (contexts: a)")]
    [InlineData("current-context: nope\ncontexts: [{name: a, context: {cluster: c}}]", "context \"nope\" is not defined (contexts: a)")]
    [InlineData("current-context: a\ncontexts: [{name: a, context: {cluster: c}}]", "names cluster \"c\", which is not defined (clusters: none)")]
    [InlineData("current-context: a\nclusters: [{name: c, cluster: {server: \"ftp://x\"}}]\ncontexts: [{name: a, context: {cluster: c}}]", "server \"ftp://x\" is not an http(s) URL")]
    [InlineData("current-context: a\nclusters: [{name: c, cluster: {server: \"https://x\", certificate-authority-data: \"@@@\"}}]\ncontexts: [{name: a, context: {cluster: c}}]", "certificate-authority-data is not valid base64")]
    [InlineData("current-context: a\nclusters: [{name: c, cluster: {server: \"https://x\", certificate-authority-data: \"aGVsbG8=\"}}]\ncontexts: [{name: a, context: {cluster: c}}]", "certificate-authority holds no PEM certificate")]
    [InlineData("current-context: a\nclusters: [{name: c, cluster: {server: \"https://x\", certificate-authority: nope.crt}}]\ncontexts: [{name: a, context: {cluster: c}}]", "cannot read certificate-authority file")]
    [InlineData("current-context: a\nclusters: [{name: c, cluster: {server: \"https://x\"}}]\nusers: [{name: u, user: {exec: {command: aws}}}]\ncontexts: [{name: a, context: {cluster: c, user: u}}]", "uses exec credential plugins, which this client does not support")]
    [InlineData("current-context: a\nclusters: [{name: c, cluster: {server: \"https://x\"}}]\nusers: [{name: u, user: {client-certificate-data: \"aGVsbG8=\"}}]\ncontexts: [{name: a, context: {cluster: c, user: u}}]", "client-certificate and client-key must be given together")]
    [InlineData("clusters: [{cluster: {server: \"https://x\"}}]", "an entry in clusters has no name")]
    public void LoadFile_Should_ThrowNamingFileAndProblem_When_KubeconfigIsMalformed(string yaml, string expected)
    {
        using var dir = new TempDir();
        var path = dir.Write("config", yaml);

        var ex = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.LoadFile(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Should_SaySoClearly_When_NoKubeconfigExists()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string?> { ["HOME"] = dir.Path };

        var ex = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.Load(KubeConfigLoader.DefaultPaths(k => env.GetValueOrDefault(k))));

        Assert.Contains("no kubeconfig found: set KUBECONFIG or create ~/.kube/config", ex.Message, StringComparison.Ordinal);
    }
}
