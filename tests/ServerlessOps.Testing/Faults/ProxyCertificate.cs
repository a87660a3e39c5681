using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ServerlessOps.Testing.Faults;

/// <summary>
/// A self-signed certificate for 127.0.0.1, made in memory for an HTTPS <see cref="FaultProxy"/>: the app accepts the
/// Cosmos emulator's self-signed certificate for its configured endpoint only (<c>Cosmos:AcceptEmulatorCertificate</c>),
/// and that endpoint is the proxy's, so any self-signed certificate will do and nothing is read from disk.
/// </summary>
internal static class ProxyCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Exported and loaded again so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
