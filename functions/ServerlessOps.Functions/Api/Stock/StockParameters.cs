using System.Globalization;
using ServerlessOps.Functions.Errors;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>What the stock routes share: the ledger's list limit (the SKU from the path is <see cref="ApiParameters.Sku"/>).</summary>
internal static class StockParameters
{
    /// <summary>Entries a ledger read answers when <c>limit</c> is not given.</summary>
    public const int DefaultLedgerLimit = 50;

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
