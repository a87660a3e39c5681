namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>A Flex Consumption (FC1) Linux app running the custom handler, deployed from blob storage with the identity.</summary>
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
    public void Site_RunsTheCustomHandlerRuntime()
    {
        foreach (var snapshot in bicep.All)
        {
            var site = snapshot.SingleOf("Microsoft.Web/sites");
            Assert.Equal("functionapp,linux", (string?)site["kind"]);
            var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
            Assert.Equal("custom", (string?)runtime["name"]);
            Assert.Equal("1.0", (string?)runtime["version"]);
        }
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
