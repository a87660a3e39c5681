using Azure.Identity;
using ServerlessOps.Functions.Hosting;

namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>Application Insights has local authentication off: the exporter must sign in as the platform says.</summary>
public sealed class TelemetryCredentialTests
{
    [Fact]
    public void ExporterCredential_AadWithClientId_IsAManagedIdentityCredential() =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryServiceCollectionExtensions.ExporterCredential("Authorization=AAD;ClientId=3f2b1c4d-0000-4000-8000-123456789abc"));

    [Fact]
    public void ExporterCredential_AadAlone_IsTheSystemAssignedIdentity() =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryServiceCollectionExtensions.ExporterCredential("Authorization=AAD"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Authorization=Key")]
    public void ExporterCredential_NoEntraAuthentication_IsNone(string? authenticationString) =>
        Assert.Null(TelemetryServiceCollectionExtensions.ExporterCredential(authenticationString));
}
