using System.Net.Security;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.Tests.Emulators;

public sealed class EmulatorCertificatePolicyTests
{
    private readonly EmulatorCertificatePolicy _policy = new(new Uri("https://127.0.0.1:8081/"));

    [Theory]
    [InlineData("https://127.0.0.1:8081/dbs/x", true)]
    [InlineData("https://127.0.0.1:8082/dbs/x", false)]
    [InlineData("https://localhost:8081/dbs/x", false)]
    [InlineData("https://example.org:8081/", false)]
    [InlineData("http://127.0.0.1:8081/", false)]
    public void Validate_CertificateErrors_ForgivenOnlyForExactEndpoint(string requestUri, bool accepted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, requestUri);

        Assert.Equal(accepted, _policy.Validate(request, null, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_NoErrors_AcceptedForAnyHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.org/");

        Assert.True(_policy.Validate(request, null, null, SslPolicyErrors.None));
    }
}
