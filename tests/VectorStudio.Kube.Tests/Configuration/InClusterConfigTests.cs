// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using VectorStudio.Kube.Configuration;
using VectorStudio.Kube.Fake;
using VectorStudio.Kube.Tests.Infrastructure;

namespace VectorStudio.Kube.Tests.Configuration;

/// <summary>Service-account configuration and the token file's re-reading.</summary>
public sealed class InClusterConfigTests
{
    [Fact]
    public async Task Load_Should_ReadServiceAccountFiles_When_RunningInAPod()
    {
        using var certs = TestCertificates.Create();
        using var dir = new TempDir();
        dir.Write("token", "sa-token\n");
        dir.Write("ca.crt", TestCertificates.CertificatePem(certs.Ca));
        dir.Write("namespace", "vector-system");
        var env = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        Assert.True(InClusterConfig.IsAvailable(k => env.GetValueOrDefault(k), dir.Path));
        var settings = InClusterConfig.Load(k => env.GetValueOrDefault(k), dir.Path);

        Assert.Equal(new Uri("https://10.96.0.1:443"), settings.Server);
        Assert.Equal("vector-system", settings.Namespace);
        Assert.Equal(certs.Ca.Thumbprint, Assert.Single(settings.CertificateAuthorities).Thumbprint);
        Assert.Equal("sa-token", await settings.Token!.GetTokenAsync(default));
    }

    [Fact]
    public void Load_Should_BracketTheHost_When_ServiceHostIsIPv6()
    {
        using var dir = new TempDir();
        dir.Write("token", "t");
        var env = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "fd00::1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var settings = InClusterConfig.Load(k => env.GetValueOrDefault(k), dir.Path);

        Assert.Equal("[fd00::1]", settings.Server.Host);
        Assert.Equal(443, settings.Server.Port);
    }

    [Fact]
    public void Load_Should_ExplainWhatIsMissing_When_NotInAPod()
    {
        using var dir = new TempDir();
        var env = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var noEnv = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(_ => null, dir.Path));
        var noToken = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(k => env.GetValueOrDefault(k), dir.Path));

        Assert.Contains("needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT", noEnv.Message, StringComparison.Ordinal);
        Assert.Contains($"service-account token {Path.Combine(dir.Path, "token")} does not exist", noToken.Message, StringComparison.Ordinal);
        Assert.False(InClusterConfig.IsAvailable(_ => null, dir.Path));
    }

    [Fact]
    public async Task FileToken_Should_ReReadTheFile_When_CachedTokenIsAMinuteOld()
    {
        var time = new ManualTimeProvider();
        using var dir = new TempDir();
        var path = dir.Write("token", "first");
        var source = new FileTokenSource(path, time);

        Assert.Equal("first", await source.GetTokenAsync(default));
        await File.WriteAllTextAsync(path, "second");
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("first", await source.GetTokenAsync(default)); // cached: under a minute old
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("second", await source.GetTokenAsync(default));
    }

    [Fact]
    public async Task FileToken_Should_KeepThePreviousToken_When_TheFileVanishesDuringRotation()
    {
        var time = new ManualTimeProvider();
        using var dir = new TempDir();
        var path = dir.Write("token", "first");
        var source = new FileTokenSource(path, time);
        Assert.Equal("first", await source.GetTokenAsync(default));

        File.Delete(path);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("first", await source.GetTokenAsync(default));
        var fresh = new FileTokenSource(path, time);
        var ex = await Assert.ThrowsAsync<KubeConfigException>(() => fresh.GetTokenAsync(default).AsTask());
        Assert.Contains($"cannot read the bearer token file {path}", ex.Message, StringComparison.Ordinal);
    }
}
