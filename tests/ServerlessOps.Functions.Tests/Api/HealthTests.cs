using System.Net;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api;

public sealed class HealthTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task Health_AllSettingsResolved_Is200()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Factory.CreateClient().GetAsync(new Uri("api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", Json.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Str("status"));
    }

    [Fact]
    public async Task Health_ASettingStillHoldsAKeyVaultReference_Is503NamingTheSettingNotItsValue()
    {
        // What App Service leaves in a setting whose secret is missing or unreadable by the app's identity.
        const string unresolved = "@Microsoft.KeyVault(VaultName=kv-serverlessops;SecretName=brand-acme-walmart-2-secret)";
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string>
        {
            ["Brands:acme:Accounts:2:PreviousSecret"] = unresolved,
        }));

        using var response = await app.Factory.CreateClient().GetAsync(new Uri("api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        var detail = await Problem.AssertOfTypeAsync(response, HttpStatusCode.ServiceUnavailable, "misconfigured-settings", "Brands__acme__Accounts__2__PreviousSecret");
        Assert.DoesNotContain("SecretName", detail, StringComparison.Ordinal);
    }
}
