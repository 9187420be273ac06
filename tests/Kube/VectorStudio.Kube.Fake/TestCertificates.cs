// Copyright (c) Vector Studio contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VectorStudio.Kube.Fake;

/// <summary>
/// A throw-away certificate authority with a server certificate (localhost, 127.0.0.1) and a
/// client certificate, all ECDSA P-256 (fast to make) and valid 2000–2099 (so no clock is needed).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Ca = ca;
        Server = server;
        Client = client;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public static TestCertificates Create(string clientName = "vector-studio-test")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=vector-studio-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var notBefore = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName("localhost");
        sans.AddIpAddress(IPAddress.Loopback);
        var server = Issue(ca, caKey, "CN=localhost", "1.3.6.1.5.5.7.3.1", sans.Build(), notBefore, notAfter);
        var client = Issue(ca, caKey, $"CN={clientName}", "1.3.6.1.5.5.7.3.2", null, notBefore, notAfter);
        return new TestCertificates(Reload(ca), server, client);
    }

    /// <summary>PEM of a certificate, for kubeconfig <c>*-data</c> fields (base64 of this).</summary>
    public static string CertificatePem(X509Certificate2 cert) => cert.ExportCertificatePem();

    /// <summary>PEM (PKCS#8) of a certificate's private key.</summary>
    public static string KeyPem(X509Certificate2 cert) =>
        cert.GetECDsaPrivateKey()?.ExportPkcs8PrivateKeyPem() ?? throw new InvalidOperationException("no private key");

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, ECDsa caKey, string subject, string eku,
        X509Extension? sans, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // Through PKCS#12 so the private key is usable by SslStream (server and client side).
    private static X509Certificate2 Reload(X509Certificate2 cert) =>
        X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
}
