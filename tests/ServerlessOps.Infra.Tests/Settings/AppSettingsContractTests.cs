using ServerlessOps.Infra.Tests.Bicep;

namespace ServerlessOps.Infra.Tests.Settings;

/// <summary>
/// Bicep's app settings against what the code reads (issue 14 item 5): every setting Bicep sets is read by an options
/// class of the app (<see cref="OptionsCatalog"/>) or by the platform (<see cref="_platform"/>), and every setting the
/// app has no default for is one Bicep can set. A setting nobody reads, or one the app needs and Azure never gets,
/// fails here instead of in a deployment.
/// </summary>
public sealed class AppSettingsContractTests(BicepFixture bicep)
{
    /// <summary>Names read by the Functions host or the platform, not by an options class of the app.</summary>
    private static readonly OptionsSetting[] _platform =
    [
        // Host storage, identity-based: the Functions host, its timers and the Durable extension
        // (host.json storageProvider.connectionName = AzureWebJobsStorage); the standalone host reads the same names.
        new("AzureWebJobsStorage__accountName", "Functions host", HasDefault: false),
        new("AzureWebJobsStorage__credential", "Functions host", HasDefault: false),
        new("AzureWebJobsStorage__clientId", "Functions host", HasDefault: false),
        // Overrides of host.json (the documented AzureFunctionsJobHost__path__to__key form): read by the Functions
        // host, and by the standalone host under the same names.
        new("AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount", "Functions host (host.json override), standalone host", HasDefault: true),
        // host.json "hubName": "%DurableTaskHubName%"; the standalone host resolves the same token.
        new("DurableTaskHubName", "host.json %DurableTaskHubName% (both hosts)", HasDefault: false),
        // The queue triggers' identity-based "Storage" connection: the host's, beside StorageOptions' own URIs.
        new("Storage__credential", "Functions host (Storage trigger connection)", HasDefault: false),
        // Application Insights: the host reads both; the app's exporter reads the connection string by name and
        // authenticates with the client id in the authentication string.
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", "Functions host, the app's OpenTelemetry exporter", HasDefault: false),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Functions host, the app's OpenTelemetry exporter", HasDefault: false),
    ];

    /// <summary>Settings the app reads without a default that Azure deliberately never gets, and why.</summary>
    private static readonly string[] _notInAzure =
    [
        // Key-based connections to the local emulators; in Azure the identity-based URIs/endpoint are set instead,
        // and SecurityTests forbid these.
        "Storage__ConnectionString",
        "Cosmos__ConnectionString",
        // API keys stand in for Entra principals locally and in tests only (issue 14 item 6; NoApiKey_IsSetInAzure).
        "Access__ApiKeys__{n}__Name",
        "Access__ApiKeys__{n}__Key",
        "Access__ApiKeys__{n}__Roles",
        "Access__ApiKeys__{n}__Brands",
        // The channel apps' secrets: empty = the channel cannot be connected. Bicep sets no secret-like setting other than
        // the brands' vault references (AppSettingsTests); an operator who offers a channel sets these through
        // appSettingsOverrides as Key Vault references (channel-app-*, settings.bicep).
        "ChannelApps__Shopify__ClientSecret",
        "ChannelApps__Amazon__ClientSecret",
        "ChannelApps__TikTokShop__AppSecret",
        // Empty = each Shopify account's own host (https://{shop domain}/), what Azure needs; set only to point every
        // shop at one host, the stub marketplace locally and in tests.
        "Backstop__ShopifyAdminBaseUrl",
        // Optional caps on what one channel may show of a brand's stock; none by default (every channel shows all).
        "InventoryPush__Allocations__{key}__{key}",
    ];

    [Fact]
    public void OptionsCatalog_FindsTheAppsSections()
    {
        var sections = OptionsCatalog.Sections().Keys;
        Assert.Superset(
            new HashSet<string>(["Storage", "Ingestion", "Cosmos", "Channels", "Brands"], StringComparer.OrdinalIgnoreCase),
            sections.ToHashSet(StringComparer.OrdinalIgnoreCase));
        Assert.Contains(OptionsCatalog.All, s => s.Pattern == "Brands__{key}__Accounts__{n}__Secret");
        Assert.Contains(OptionsCatalog.All, s => s.Pattern == "Channels__Amazon__BaseUrl" && s.HasDefault);
        Assert.Contains(OptionsCatalog.All, s => s.Pattern == "Cosmos__AccountEndpoint" && !s.HasDefault);
        Assert.Contains(OptionsCatalog.All, s => s.Pattern == "Access__Principals__{n}__ObjectId" && s.ReadBy == "AccessOptions");
    }

    [Fact]
    public void EverySettingBicepSets_IsReadByTheAppOrTheHost()
    {
        var known = OptionsCatalog.All.Concat(_platform).ToList();
        var unread = bicep.All
            .SelectMany(snapshot => snapshot.AppSettings.Keys.Select(name => (snapshot.Name, Setting: name)))
            .Where(x => !known.Any(k => k.Matches(x.Setting)))
            .GroupBy(x => x.Setting, StringComparer.Ordinal)
            .Select(g => $"{g.Key} (in {string.Join(", ", g.Select(x => x.Name))})")
            .ToList();
        Assert.True(unread.Count == 0,
            "Bicep sets settings no code reads (no options property, no platform name): remove them from settings.bicep, "
            + "or give the code an options property for them:\n  " + string.Join("\n  ", unread));
    }

    [Fact]
    public void EverySettingTheAppHasNoDefaultFor_IsSetByBicep()
    {
        var set = bicep.All.SelectMany(snapshot => snapshot.AppSettings.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = OptionsCatalog.All
            .Where(s => !s.HasDefault && !_notInAzure.Contains(s.Pattern, StringComparer.OrdinalIgnoreCase))
            .Where(s => !set.Any(s.Matches))
            .Select(s => $"{s.Pattern} (read by {s.ReadBy})")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0,
            "The app reads settings with no default that no parameters file makes Bicep set (the probe turns every "
            + "option on): add them to settings.bicep, or to _notInAzure with the reason:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void EveryPlatformName_IsSetByBicep()
    {
        // A stale allow-list entry would let a misspelled setting through unnoticed.
        var set = bicep.All.SelectMany(snapshot => snapshot.AppSettings.Keys).ToList();
        Assert.All(_platform, p => Assert.True(set.Any(p.Matches), $"{p.Pattern} is allow-listed but Bicep sets it nowhere."));
    }
}
