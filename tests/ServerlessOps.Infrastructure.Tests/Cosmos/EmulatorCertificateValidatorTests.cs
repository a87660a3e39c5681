using System.Net.Security;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

public sealed class EmulatorCertificateValidatorTests
{
    private readonly EmulatorCertificateValidator _validator = new(new Uri("https://127.0.0.1:8081/"));

    [Theory]
    [InlineData("https://127.0.0.1:8081/dbs/x", true)]
    [InlineData("https://127.0.0.1:8082/dbs/x", false)]
    [InlineData("https://localhost:8081/dbs/x", false)]
    [InlineData("http://127.0.0.1:8081/dbs/x", false)]
    [InlineData("https://acct.documents.azure.com/", false)]
    public void Validate_CertificateErrors_ForgivenOnlyForTheEmulatorHostAndPort(string url, bool accepted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        Assert.Equal(accepted, _validator.Validate(request, null, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_ValidCertificate_AcceptedForAnyHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://acct.documents.azure.com/");

        Assert.True(_validator.Validate(request, null, null, SslPolicyErrors.None));
    }
}
