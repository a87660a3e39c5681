using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ServerlessOps.Testing.Emulators;

/// <summary>
/// Accepts the local Cosmos server's self-signed certificate for one exact https host:port and nothing else:
/// any other host keeps normal certificate validation. (The app has its own copy in Infrastructure.)
/// </summary>
/// <param name="endpoint">The emulator endpoint, for example <c>https://127.0.0.1:8081/</c>.</param>
public sealed class EmulatorCertificatePolicy(Uri endpoint)
{
    /// <summary>The one endpoint whose certificate errors are forgiven.</summary>
    public Uri Endpoint { get; } = endpoint ?? throw new ArgumentNullException(nameof(endpoint));

    /// <summary>
    /// True when the certificate is valid, or when the request goes to exactly <see cref="Endpoint"/>'s
    /// scheme, host and port. Signature matches <see cref="HttpClientHandler.ServerCertificateCustomValidationCallback"/>.
    /// </summary>
    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        return errors == SslPolicyErrors.None || IsEmulator(request.RequestUri);
    }

    /// <summary>True when <paramref name="uri"/> is https to the same host and port as <see cref="Endpoint"/>.</summary>
    public bool IsEmulator(Uri? uri) =>
        uri is { IsAbsoluteUri: true }
        && uri.Scheme == Uri.UriSchemeHttps
        && string.Equals(uri.Host, Endpoint.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == Endpoint.Port;

    /// <summary>A handler that applies this policy; the caller owns and disposes it.</summary>
    public HttpClientHandler CreateHandler() => new() { ServerCertificateCustomValidationCallback = Validate };
}
