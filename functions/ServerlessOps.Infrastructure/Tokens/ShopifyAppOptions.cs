namespace ServerlessOps.Infrastructure.Tokens;

/// <summary><c>ChannelApps:Shopify</c>: the public app that shops install (CHANNELS.md 6).</summary>
public sealed class ShopifyAppOptions
{
    /// <summary>The app's client id (API key). Empty = Shopify accounts cannot be connected.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The app's client secret: signs the launch URL, the callback and the webhooks; a secret (Key Vault in Azure).</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Access scopes asked for, comma-separated. Default <c>read_orders,read_products,read_inventory,write_inventory</c>.</summary>
    public string Scopes { get; set; } = "read_orders,read_products,read_inventory,write_inventory";

    /// <summary>
    /// Where a shop's admin is, <c>{shop}</c> replaced by the shop domain: its <c>/admin/oauth/authorize</c> and
    /// <c>/admin/oauth/access_token</c> hang below it. Default <c>https://{shop}</c>; tests point it at the stub marketplace.
    /// </summary>
    public string ShopBaseUrl { get; set; } = "https://{shop}";

    /// <summary>How far the signed <c>timestamp</c> of a launch URL or callback may be from our clock. Default 90 s (Shopify's library); 10 s to 10 min.</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromSeconds(90);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>The shop's admin base for <paramref name="shop"/> (a validated <c>*.myshopify.com</c> domain).</summary>
    public Uri ShopUri(string shop) => new(ShopBaseUrl.Replace("{shop}", shop, StringComparison.Ordinal).TrimEnd('/') + "/", UriKind.Absolute);

    public override string ToString() => $"ShopifyAppOptions {{ ClientId = {ClientId}, ClientSecret = ***, Scopes = {Scopes}, ShopBaseUrl = {ShopBaseUrl} }}";
}
