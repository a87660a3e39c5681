using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Forgives certificate errors for one exact https host:port (the local emulator's self-signed
/// certificate) and for nothing else: any other host keeps full validation, so a misrouted request can never
/// reach a real account over an unchecked channel. (tests/ServerlessOps.Testing has the fixtures' copy.)
/// </summary>
internal sealed class EmulatorCertificateValidator(Uri endpoint)
{
    public Uri Endpoint { get; } = endpoint ?? throw new ArgumentNullException(nameof(endpoint));

    /// <summary>Signature of <see cref="HttpClientHandler.ServerCertificateCustomValidationCallback"/>.</summary>
    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        return errors == SslPolicyErrors.None || IsEmulator(request.RequestUri);
    }

    public bool IsEmulator(Uri? uri) =>
        uri is { IsAbsoluteUri: true }
        && uri.Scheme == Uri.UriSchemeHttps
        && string.Equals(uri.Host, Endpoint.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == Endpoint.Port;

    /// <summary>An HttpClient applying this policy; the Cosmos client owns and disposes it.</summary>
    public HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = Validate }, disposeHandler: true);
}
