namespace ServerlessOps.Domain.Review.Data;

/// <summary>
/// Units on hand of one SKU at one location at the end of a day, from the daily stock snapshot import. History for
/// the review only: snapshots never move the live inventory ledger.
/// </summary>
/// <param name="SourceRow">Where it came from, for evidence: <c>import:{id}:line:{n}</c>.</param>
public sealed record StockSnapshot(string BrandId, DateOnly Day, string Sku, string Location, int OnHand, string SourceRow);
