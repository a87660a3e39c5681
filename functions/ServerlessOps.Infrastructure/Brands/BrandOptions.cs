namespace ServerlessOps.Infrastructure.Brands;

/// <summary>
/// One brand from configuration (<c>Brands:{brandId}:...</c>). Secrets are Key Vault references in Azure and
/// plain values only in local.settings.json, which git ignores.
/// </summary>
public sealed class BrandOptions
{
    /// <summary>Name shown in reports.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The named owner alerts and reports go to (e-mail).</summary>
    public string? Owner { get; set; }

    /// <summary>The brand's channel accounts.</summary>
    public List<ChannelAccountOptions> Accounts { get; set; } = [];
}
