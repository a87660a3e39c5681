namespace ServerlessOps.Functions.Api.Stock;

/// <summary>What the stock routes share: the ledger's list limit (the SKU from the path is <see cref="ApiParameters.Sku"/>).</summary>
internal static class StockParameters
{
    /// <summary>Entries a ledger read answers when <c>limit</c> is not given.</summary>
    public const int DefaultLedgerLimit = 50;
}
