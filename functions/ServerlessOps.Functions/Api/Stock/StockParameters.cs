using System.Globalization;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>What the stock routes share: the SKU from the path, and the ledger's list limit.</summary>
internal static class StockParameters
{
    /// <summary>Entries a ledger read answers when <c>limit</c> is not given.</summary>
    public const int DefaultLedgerLimit = 50;

    /// <summary>
    /// The route's <c>{sku}</c>. A SKU may hold a slash (<c>MUG/12OZ</c>): sent as <c>%2F</c>, which ASP.NET Core (and the
    /// Functions host) leave escaped in a path segment while unescaping everything else, so only that is undone here.
    /// </summary>
    public static string Sku(HttpCall http) =>
        http.RouteValue("sku").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    public static bool TryParseLimit(string? value, int max, out int limit, out IResult? problem)
    {
        problem = null;
        limit = DefaultLedgerLimit;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max)
        {
            return true;
        }

        problem = Problems.Result(Problems.InvalidParameter, $"Query parameter 'limit' must be a whole number from 1 to {max}; received '{value}'.");
        return false;
    }
}
