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

    public static string CurrencyOf(string? marketplaceId) =>
        marketplaceId is not null && _currencies.TryGetValue(marketplaceId, out var currency) ? currency : UnknownCurrency;
}
