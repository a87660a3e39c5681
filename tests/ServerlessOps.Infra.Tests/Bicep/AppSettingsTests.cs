using System.Text.RegularExpressions;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>The function app's settings in Azure against SETTINGS.md: identity-based, secrets only as Key Vault references.</summary>
public sealed partial class AppSettingsTests(BicepFixture bicep)
{
    /// <summary>The documented host.json override of durableTask.storageProvider.partitionCount (the standalone host reads it too).</summary>
    public const string PartitionCountSetting = "AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount";

    // Flex Consumption sets these itself (functionAppConfig) and rejects or ignores them as app settings.
    private static readonly string[] _flexDeprecated =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD",
        "WEBSITE_TIME_ZONE", "TZ",
    ];

    [Fact]
    public void HostStorage_IsIdentityBased()
    {
        var snapshot = bicep.Dev;
        var settings = snapshot.AppSettings;
        Assert.Equal((string?)snapshot.SingleOf("Microsoft.Storage/storageAccounts")["name"], settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        AssertIsIdentityClientId(snapshot, settings["AzureWebJobsStorage__clientId"]);
    }

    [Fact]
    public void AppStorageAndCosmos_UseEndpointsAndTheIdentity()
    {
        var snapshot = bicep.Dev;
        var settings = snapshot.AppSettings;
        foreach (var (name, endpoint) in new[]
        {
            ("Storage__BlobServiceUri", "blob"), ("Storage__QueueServiceUri", "queue"), ("Storage__TableServiceUri", "table"),
        })
        {
            Assert.EndsWith($").primaryEndpoints.{endpoint}]", settings[name], StringComparison.Ordinal);
        }

        Assert.EndsWith(").documentEndpoint]", settings["Cosmos__AccountEndpoint"], StringComparison.Ordinal);
        foreach (var name in new[] { "Storage__ClientId", "Cosmos__ClientId" })
        {
            AssertIsIdentityClientId(snapshot, settings[name]);
        }

        Assert.Equal("managedidentity", settings["Storage__credential"]);
        Assert.Contains("Authorization=AAD;ClientId=", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.EndsWith(").ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void ContractValues_MatchSettingsMd()
    {
        var settings = bicep.Dev.AppSettings;
        var expected = new Dictionary<string, string>
        {
            ["Cosmos__DatabaseName"] = "serverlessops",
            ["Cosmos__CreateIfMissing"] = "false",
            ["Cosmos__AcceptEmulatorCertificate"] = "false",
            ["Ingestion__MaxBodyBytes"] = "1048576",
            ["Ingestion__RawContainer"] = "raw-deliveries",
            ["Ingestion__QueueName"] = "webhook-deliveries",
            ["Ingestion__MaxDequeueCount"] = "5",
            ["DurableTaskHubName"] = "serverlessops",
            [PartitionCountSetting] = "2",
            ["Channels__Amazon__BaseUrl"] = "https://sellingpartnerapi-na.amazon.com",
            ["Channels__Walmart__BaseUrl"] = "https://marketplace.walmartapis.com",
            ["Channels__TikTokShop__BaseUrl"] = "https://open-api.tiktokglobalshop.com",
        };
        foreach (var (name, value) in expected)
        {
            Assert.True(settings.TryGetValue(name, out var actual), $"{name} is not set.");
            Assert.Equal(value, actual);
        }
    }

    [Fact]
    public void TaskHubAndPartitionCount_FlowFromTheParameters_ToTheSettingsBothHostsRead()
    {
        Assert.Equal("OpsHub", bicep.Probe.AppSettings["DurableTaskHubName"]);
        Assert.Equal("6", bicep.Probe.AppSettings[PartitionCountSetting]);
    }

    [Fact]
    public void NoSettingOfTheRetiredDurableRuntime_IsLeft()
    {
        foreach (var snapshot in bicep.All)
        {
            Assert.DoesNotContain(snapshot.AppSettings.Keys, n => n.StartsWith("Durable__", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void NoFlexDeprecatedSetting_AndNoTwoNamesDifferOnlyInCase()
    {
        foreach (var snapshot in bicep.All)
        {
            var names = snapshot.AppSettings.Keys.ToList();
            Assert.DoesNotContain(names, n => _flexDeprecated.Contains(n, StringComparer.OrdinalIgnoreCase));
            // App Service and .NET configuration treat names case-insensitively: two spellings would collide.
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public void EverySecretSetting_IsAVersionlessKeyVaultReference_IntoTheDeployedVault()
    {
        foreach (var snapshot in bicep.All)
        {
            var vault = (string)snapshot.SingleOf("Microsoft.KeyVault/vaults")["name"]!;
            var secrets = snapshot.AppSettings.Where(s => SecretLikeName().IsMatch(s.Key)).ToList();
            Assert.True(secrets.Count > 0 || snapshot.Name == "prod", $"{snapshot.Name}: no secret setting to check.");
            // A reference of any other setting too: versionless (no SecretVersion, no /secrets/x/{version}),
            // so a rotated secret is picked up without a redeployment.
            var references = snapshot.AppSettings.Where(s => s.Value.StartsWith("@Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase));
            Assert.All(references, r => Assert.Matches("^@Microsoft\\.KeyVault\\(VaultName=[^;]+;SecretName=[^;)]+\\)$", r.Value));
            foreach (var (name, value) in secrets)
            {
                Assert.StartsWith("@Microsoft.KeyVault(", value, StringComparison.Ordinal);
                Assert.Matches($"^@Microsoft\\.KeyVault\\(VaultName={Regex.Escape(vault)};SecretName=brand-[a-z0-9-]+\\)$", value);
                Assert.Contains(name.Split("__")[^1] switch
                {
                    "Secret" => "-secret)",
                    "PreviousSecret" => "-previous-secret)",
                    "AccessToken" => "-access-token)",
                    _ => throw new InvalidOperationException($"Unexpected secret-like setting {name}."),
                }, value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Brands_BecomeSettingsAndSecretReferences_PerAccountIndex()
    {
        var settings = bicep.Probe.AppSettings;
        var vault = (string)bicep.Probe.SingleOf("Microsoft.KeyVault/vaults")["name"]!;
        string Reference(string secret) => $"@Microsoft.KeyVault(VaultName={vault};SecretName={secret})";

        Assert.Equal("Acme Outdoor", settings["Brands__acme__DisplayName"]);
        Assert.Equal("owner@acme.example", settings["Brands__acme__Owner"]);
        Assert.Equal("Shopify", settings["Brands__acme__Accounts__0__Channel"]);
        Assert.Equal("acme.myshopify.com", settings["Brands__acme__Accounts__0__AccountId"]);
        Assert.Equal(Reference("brand-acme-shopify-0-secret"), settings["Brands__acme__Accounts__0__Secret"]);
        Assert.Equal(Reference("brand-acme-shopify-0-previous-secret"), settings["Brands__acme__Accounts__0__PreviousSecret"]);
        Assert.Equal(Reference("brand-acme-shopify-0-access-token"), settings["Brands__acme__Accounts__0__AccessToken"]);

        Assert.Equal("TikTokShop", settings["Brands__acme__Accounts__1__Channel"]);
        Assert.Equal("acme-app-key", settings["Brands__acme__Accounts__1__AppKey"]);
        Assert.Equal("TTP_ACMECIPHER", settings["Brands__acme__Accounts__1__ShopCipher"]);
        Assert.Equal(Reference("brand-acme-tiktokshop-1-secret"), settings["Brands__acme__Accounts__1__Secret"]);
        Assert.Equal(Reference("brand-acme-tiktokshop-1-access-token"), settings["Brands__acme__Accounts__1__AccessToken"]);
        // Undeclared optional secrets get no setting: an unresolvable reference would reach the app as text.
        Assert.False(settings.ContainsKey("Brands__acme__Accounts__1__PreviousSecret"));
        Assert.False(settings.ContainsKey("Brands__acme__Accounts__0__ShopCipher"));

        Assert.Equal("x-serverlessops-key", settings["Brands__globex__Accounts__0__CredentialHeader"]);
        Assert.Equal(Reference("brand-globex-amazon-0-secret"), settings["Brands__globex__Accounts__0__Secret"]);
        Assert.False(settings.ContainsKey("Brands__globex__Accounts__0__AccessToken"));
        Assert.Equal("Header", settings["Brands__globex__Accounts__1__AuthMethod"]);
        Assert.Equal("x-walmart-key", settings["Brands__globex__Accounts__1__CredentialHeader"]);
        Assert.Equal(Reference("brand-globex-walmart-1-access-token"), settings["Brands__globex__Accounts__1__AccessToken"]);
    }

    [Fact]
    public void AccessPrincipals_BecomeObjectIdAndCommaSeparatedBrands_PerIndex()
    {
        var settings = bicep.Probe.AppSettings;

        Assert.Equal(BicepFixture.OpsGroupObjectId, settings["Access__Principals__0__ObjectId"]);
        Assert.Equal("*", settings["Access__Principals__0__Brands"]);
        Assert.Equal(BicepFixture.FinanceUserObjectId, settings["Access__Principals__1__ObjectId"]);
        Assert.Equal("acme,globex", settings["Access__Principals__1__Brands"]);
        Assert.DoesNotContain(bicep.Dev.AppSettings.Keys, n => n.StartsWith("Access__", StringComparison.Ordinal));
    }

    [Fact]
    public void NoApiKey_IsSetInAzure()
    {
        // API keys (Access__ApiKeys__{n}__Name/Key/Roles/Brands) stand in for Entra principals locally and in
        // tests only; in Azure every caller is an Entra principal (issue 14 item 6).
        foreach (var snapshot in bicep.All)
        {
            Assert.DoesNotContain(snapshot.AppSettings.Keys, n => n.StartsWith("Access__ApiKeys", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Overrides_WinOverDefaults()
    {
        Assert.Equal("2097152", bicep.Probe.AppSettings["Ingestion__MaxBodyBytes"]);
    }

    [Fact]
    public void EverySetting_IsInTheReadmeSettingsTable()
    {
        var documented = ReadmeSettings();
        foreach (var snapshot in bicep.All)
        {
            foreach (var name in snapshot.AppSettings.Keys)
            {
                var generic = Generic(name);
                Assert.True(documented.Contains(generic), $"{name} (as {generic}) is missing from the settings table in infra/azure/README.md.");
            }
        }
    }

    internal static HashSet<string> ReadmeSettings()
    {
        var readme = File.ReadAllLines(Path.Combine(BicepFixture.InfraDirectory, "README.md"));
        return readme
            .Select(line => SettingsTableRow().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The name as the README's table writes it: brand id and list indexes as placeholders.</summary>
    internal static string Generic(string name) =>
        ListIndex().Replace(BrandIndex().Replace(BrandId().Replace(name, "Brands__{brandId}__"), "__Accounts__{n}__"), "__Principals__{n}__");

    private static void AssertIsIdentityClientId(DeploymentSnapshot snapshot, string value)
    {
        var identityId = (string)snapshot.SingleOf("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
        Assert.StartsWith($"[reference('{identityId}', ", value, StringComparison.Ordinal);
        Assert.EndsWith(").clientId]", value, StringComparison.Ordinal);
    }

    [GeneratedRegex("(Secret|Token|Password)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    [GeneratedRegex("^Brands__[^_]+__")]
    private static partial Regex BrandId();

    [GeneratedRegex("__Accounts__[0-9]+__")]
    private static partial Regex BrandIndex();

    [GeneratedRegex("__Principals__[0-9]+__")]
    private static partial Regex ListIndex();

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z0-9_{}]+)`\s*\|")]
    private static partial Regex SettingsTableRow();
}
