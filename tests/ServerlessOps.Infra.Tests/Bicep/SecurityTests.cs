namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>No key, SAS or key-bearing connection string anywhere; every data service on Entra ID only.</summary>
public sealed class SecurityTests(BicepFixture bicep)
{
    // Marks of a credential in a value, and the ARM functions that would fetch one at deployment.
    private static readonly string[] _credentialMarks =
    [
        "AccountKey=", "SharedAccessSignature", "SharedAccessKey", "sig=", "AccountEndpoint=",
        "listKeys(", "listConnectionStrings(", "listAccountSas(", "listServiceSas(", "primaryMasterKey", "listSecrets(",
    ];

    [Fact]
    public void TemplateAndEverySnapshot_ContainNoKeyOrSas()
    {
        var strings = JsonStrings.All(bicep.CompiledTemplate).Select(s => ("compiled main.json", s))
            .Concat(bicep.All.SelectMany(snapshot => snapshot.AllStrings().Select(s => (snapshot.Name, s))));
        var offenders = strings
            .Where(x => _credentialMarks.Any(mark => x.s.Contains(mark, StringComparison.OrdinalIgnoreCase)))
            .Select(x => $"{x.Item1}: {x.s}")
            .ToList();
        Assert.True(offenders.Count == 0, "Credentials in the templates:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void AppSettings_HaveNoKeyBasedConnectionSettings()
    {
        foreach (var snapshot in bicep.All)
        {
            var names = snapshot.AppSettings.Keys;
            Assert.DoesNotContain("AzureWebJobsStorage", names, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain("Storage__ConnectionString", names, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain("Cosmos__ConnectionString", names, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain(names, n => n.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Storage_SharedKeyOff_Tls12_HttpsOnly_NoPublicBlobs()
    {
        foreach (var snapshot in bicep.All)
        {
            var properties = snapshot.SingleOf("Microsoft.Storage/storageAccounts")["properties"]!;
            Assert.False((bool)properties["allowSharedKeyAccess"]!);
            Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
            Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
            Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
            Assert.False((bool)properties["allowBlobPublicAccess"]!);
        }
    }

    [Fact]
    public void Cosmos_LocalAuthDisabled_Tls12()
    {
        foreach (var snapshot in bicep.All)
        {
            var properties = snapshot.SingleOf("Microsoft.DocumentDB/databaseAccounts")["properties"]!;
            Assert.True((bool)properties["disableLocalAuth"]!);
            Assert.True((bool)properties["disableKeyBasedMetadataWriteAccess"]!);
            Assert.Equal("Tls12", (string?)properties["minimalTlsVersion"]);
        }
    }

    [Fact]
    public void ApplicationInsights_AcceptsEntraIdTokensOnly()
    {
        foreach (var snapshot in bicep.All)
        {
            var properties = snapshot.SingleOf("Microsoft.Insights/components")["properties"]!;
            Assert.True((bool)properties["DisableLocalAuth"]!);
            // The host's telemetry then needs its identity: the authentication string names it.
            Assert.Contains("'Authorization=AAD;ClientId={0}', reference(", snapshot.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeyVault_AuthorizesWithRbac_AndKeepsDeletedSecrets()
    {
        foreach (var snapshot in bicep.All)
        {
            var properties = snapshot.SingleOf("Microsoft.KeyVault/vaults")["properties"]!;
            Assert.True((bool)properties["enableRbacAuthorization"]!);
            Assert.True((bool)properties["enableSoftDelete"]!);
        }

        Assert.True((bool)bicep.Prod.SingleOf("Microsoft.KeyVault/vaults")["properties"]!["enablePurgeProtection"]!);
    }

    [Fact]
    public void FunctionApp_HttpsOnly_Tls12_NoBasicPublishingCredentials()
    {
        foreach (var snapshot in bicep.All)
        {
            var properties = snapshot.SingleOf("Microsoft.Web/sites")["properties"]!;
            Assert.True((bool)properties["httpsOnly"]!);
            Assert.Equal("1.2", (string?)properties["siteConfig"]!["minTlsVersion"]);
            var policies = snapshot.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
            Assert.Equal(["ftp", "scm"], snapshot.NamesOf("Microsoft.Web/sites/basicPublishingCredentialsPolicies").Order());
            Assert.All(policies, p => Assert.False((bool)p["properties"]!["allow"]!));
        }
    }
}
