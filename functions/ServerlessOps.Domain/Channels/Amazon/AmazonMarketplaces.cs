namespace ServerlessOps.Domain.Channels.Amazon;

/// <summary>
/// Currency of the main marketplaces, for orders whose API answer carries no amount to read it from (a Pending order
/// has no <c>OrderTotal</c> and no item prices). Unknown marketplaces give ISO 4217 "XXX" (no currency).
/// </summary>
public static class AmazonMarketplaces
{
    public const string UnknownCurrency = "XXX";

    private static readonly Dictionary<string, string> _currencies = new(StringComparer.Ordinal)
    {
        ["ATVPDKIKX0DER"] = "USD", // amazon.com
        ["A2EUQ1WTGCTBG2"] = "CAD", // amazon.ca
        ["A1AM78C64UM0Y8"] = "MXN", // amazon.com.mx
        ["A1F83G8C2ARO7P"] = "GBP", // amazon.co.uk
        ["A1PA6795UKMFR9"] = "EUR", // amazon.de
        ["A13V1IB3VIYZZH"] = "EUR", // amazon.fr
        ["APJ6JRA9NG5V4"] = "EUR", // amazon.it
        ["A1RKKUPIHCS9HS"] = "EUR", // amazon.es
        ["A1VC38T7YXB528"] = "JPY", // amazon.co.jp
    };

    // Listing prices include VAT or consumption tax in Europe, the UK and Japan (ItemTax is the part included); in North
    // America tax is added on top (ItemTax comes on top of ItemPrice). Unconfirmed against an answer from each marketplace.
    private static readonly Dictionary<string, bool> _pricesIncludeTax = new(StringComparer.Ordinal)
    {
        ["ATVPDKIKX0DER"] = false,
        ["A2EUQ1WTGCTBG2"] = false,
        ["A1AM78C64UM0Y8"] = false,
        ["A1F83G8C2ARO7P"] = true,
        ["A1PA6795UKMFR9"] = true,
        ["A13V1IB3VIYZZH"] = true,
        ["APJ6JRA9NG5V4"] = true,
        ["A1RKKUPIHCS9HS"] = true,
        ["A1VC38T7YXB528"] = true,
    };

    public static string CurrencyOf(string? marketplaceId) =>
        marketplaceId is not null && _currencies.TryGetValue(marketplaceId, out var currency) ? currency : UnknownCurrency;

    /// <summary>Whether the marketplace's item prices include tax; null for a marketplace not listed here.</summary>
    public static bool? PricesIncludeTax(string? marketplaceId) =>
        marketplaceId is not null && _pricesIncludeTax.TryGetValue(marketplaceId, out var included) ? included : null;
}
