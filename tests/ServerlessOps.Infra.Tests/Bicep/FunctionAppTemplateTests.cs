namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// A Flex Consumption (FC1) Linux app running the .NET 10 isolated worker, deployed from blob storage with the
/// identity, behind App Service authentication when an app registration is given.
/// </summary>
public sealed class FunctionAppTemplateTests(BicepFixture bicep)
{
    [Fact]
    public void Plan_IsFlexConsumptionFc1_OnLinux()
    {
        foreach (var snapshot in bicep.All)
        {
            var plan = snapshot.SingleOf("Microsoft.Web/serverfarms");
            Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
            Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
            Assert.True((bool)plan["properties"]!["reserved"]!);
        }
    }

    [Fact]
    public void Site_RunsDotnetIsolated10()
    {
        foreach (var snapshot in bicep.All)
        {
            var site = snapshot.SingleOf("Microsoft.Web/sites");
            Assert.Equal("functionapp,linux", (string?)site["kind"]);
            var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
            Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
            Assert.Equal("10.0", (string?)runtime["version"]);
        }
    }

    [Fact]
    public void NoCustomHandler_AnywhereInTheTemplate()
    {
        Assert.DoesNotContain(JsonStrings.All(bicep.CompiledTemplate), s => s.Contains("custom", StringComparison.OrdinalIgnoreCase) && s.Contains("handler", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(JsonStrings.All(bicep.CompiledTemplate), s => s == "custom");
    }

    [Fact]
    public void Authentication_ValidatesEntraTokens_LetsAnonymousThrough_AndKeepsNoTokens()
    {
        var auth = bicep.Probe.AuthSettings;
        Assert.NotNull(auth);
        var properties = auth["properties"]!;

        Assert.True((bool)properties["platform"]!["enabled"]!);
        // The webhooks carry no token; the app answers 401/403 on every other route itself.
        Assert.False((bool)properties["globalValidation"]!["requireAuthentication"]!);
        Assert.Equal("AllowAnonymous", (string?)properties["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.True((bool)properties["httpSettings"]!["requireHttps"]!);
        Assert.False((bool)properties["login"]!["tokenStore"]!["enabled"]!);

        var entra = properties["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True((bool)entra["enabled"]!);
        Assert.Equal(BicepFixture.AuthClientId, (string?)entra["registration"]!["clientId"]);
        // The cloud's login endpoint (environment(), so sovereign clouds work) + the tenant (the deployment's by default) + /v2.0.
        Assert.Equal(
            $"[format('{{0}}{{1}}/v2.0', environment().authentication.loginEndpoint, '{BicepFixture.TenantId}')]",
            (string?)entra["registration"]!["openIdIssuer"]);
        Assert.Null(entra["registration"]!["clientSecretSettingName"]);
        Assert.Equal(
            [BicepFixture.AuthClientId, $"api://{BicepFixture.AuthClientId}"],
            entra["validation"]!["allowedAudiences"]!.AsArray().Select(a => (string)a!));

        // Only the other config resource of the site: the app settings hold no auth secret or setting.
        Assert.DoesNotContain(bicep.Probe.AppSettings.Keys, n => n.StartsWith("MICROSOFT_PROVIDER_AUTHENTICATION", StringComparison.Ordinal));
    }

    [Fact]
    public void Authentication_IsAbsent_WithoutAnAppRegistration()
    {
        // The app trusts X-MS-CLIENT-PRINCIPAL only where the platform sets WEBSITE_AUTH_ENABLED: without this
        // resource every non-webhook route answers 401, so the default is closed.
        Assert.Null(bicep.Dev.AuthSettings);
        Assert.Null(bicep.Prod.AuthSettings);
    }

    [Fact]
    public void Site_FetchesItsPackageFromBlobStorage_WithTheUserAssignedIdentity()
    {
        var snapshot = bicep.Dev;
        var identityId = (string)snapshot.SingleOf("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
        var site = snapshot.SingleOf("Microsoft.Web/sites");

        var storage = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.EndsWith("'app-package')]", (string)storage["value"]!, StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(identityId, (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);

        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal([identityId], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal(identityId, (string?)site["properties"]!["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void Site_ScalesWithinTheConfiguredInstanceMemoryAndCount()
    {
        var scale = bicep.Dev.SingleOf("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        Assert.Equal(2048, (int)scale["instanceMemoryMB"]!);
        Assert.Equal(40, (int)scale["maximumInstanceCount"]!);
        Assert.Empty(scale["alwaysReady"]!.AsArray());

        var warm = bicep.Probe.SingleOf("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!;
        var http = Assert.Single(warm.AsArray())!;
        Assert.Equal("http", (string?)http["name"]);
        Assert.Equal(1, (int)http["instanceCount"]!);
    }
}
