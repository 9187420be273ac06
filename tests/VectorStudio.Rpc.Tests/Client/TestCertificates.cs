// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VectorStudio.Rpc.Tests.Client;

/// <summary>A throw-away CA and a server certificate for 127.0.0.1 signed by it, written as PEM files.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _directory;

    public TestCertificates()
    {
        _directory = Directory.CreateTempSubdirectory("vs-tls-").FullName;
        var now = TimeProvider.System.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Vector Studio Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(
            Authority, now.AddDays(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));

        CertificatePath = Path.Combine(_directory, "server.crt");
        KeyPath = Path.Combine(_directory, "server.key");
        File.WriteAllText(CertificatePath, server.ExportCertificatePem());
        File.WriteAllText(KeyPath, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Authority { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public void Dispose()
    {
        Authority.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
