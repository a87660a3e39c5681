using System.Globalization;

namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>One row of a stock-count file: at <see cref="CountedAt"/> someone found <see cref="Quantity"/> units of the SKU at the location.</summary>
public sealed record StockCount(string Sku, string Location, int Quantity, DateTimeOffset CountedAt, string? Reason)
{
    /// <summary>
    /// The ledger cause of this count: the count itself (location and instant, in UTC so another offset names the same
    /// count), not the file it came in. So a count re-saved (a BOM, CRLF, a spreadsheet's re-export) or sent again in
    /// another file applies once, instead of setting on hand back to the figure and undoing the sales since; a count at
    /// another instant is another count and applies. Brand and SKU are the ledger entry's partition already.
    /// </summary>
    public string Cause => CauseFor(CountedAt, Location);

    /// <summary>
    /// The ledger cause of the count of a SKU at <paramref name="location"/> taken at <paramref name="countedAt"/>, however
    /// it arrives (a file's row, the stock adjustments API): one physical count, one cause, so it applies once.
    /// </summary>
    public static string CauseFor(DateTimeOffset countedAt, string location) =>
        $"count:{countedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}:{location}";
}
