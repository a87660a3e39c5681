namespace ServerlessOps.Infrastructure.Brands;

/// <summary>
/// One brand from configuration (<c>Brands:{brandId}:...</c>). Secrets are Key Vault references in Azure and
/// plain values only in local.settings.json, which git ignores. These settings only seed the brand registry
/// (<c>Registry/SettingsRegistrySeed</c>): a brand or account already in the registry is left as it is there.
/// </summary>
public sealed class BrandOptions
{
    /// <summary>Name shown in reports.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The named owner alerts and reports go to (e-mail).</summary>
    public string? Owner { get; set; }

    /// <summary>ISO 4217 code the brand keeps its books in. Default USD. Seed only.</summary>
    public string BaseCurrency { get; set; } = "USD";

    /// <summary>IANA time zone of the brand's days and cut-offs. Default UTC. Seed only.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Orders placed before this instant are history. Default 1970-01-01 (live all along, as a brand that ran on settings was). Seed only.</summary>
    public DateTimeOffset GoLive { get; set; } = DateTimeOffset.UnixEpoch;

    /// <summary>The brand's channel accounts.</summary>
    public List<ChannelAccountOptions> Accounts { get; set; } = [];
}
