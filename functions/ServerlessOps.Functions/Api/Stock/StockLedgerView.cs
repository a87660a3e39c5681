using ServerlessOps.Domain.Inventory;

namespace ServerlessOps.Functions.Api.Stock;

/// <summary>A SKU's ledger entries, newest applied first.</summary>
public sealed record StockLedgerView(string BrandId, string Sku, IReadOnlyList<StockLedgerEntryView> Entries)
{
    public static StockLedgerView From(string brandId, string sku, IReadOnlyList<StockLedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new StockLedgerView(brandId, sku, [.. entries.Select(StockLedgerEntryView.From)]);
    }
}

/// <summary>One movement as applied.</summary>
/// <param name="EntryId"><c>{Kind}|{Cause}</c>: the movement's key; the same cause never applies twice.</param>
/// <param name="Quantity">As asked (for a count, the units counted).</param>
/// <param name="OnHandDelta">What it changed on hand by (a count: the difference to the old figure).</param>
/// <param name="ReservedDelta">What it changed reserved by.</param>
/// <param name="Clamped">It asked for more than was held and was cut at zero.</param>
/// <param name="Actor">Who asked for it, where known (a caller's name for API adjustments).</param>
public sealed record StockLedgerEntryView(
    string EntryId,
    string Kind,
    string Cause,
    string Location,
    int Quantity,
    int OnHandDelta,
    int ReservedDelta,
    bool Clamped,
    string? Reason,
    string? Actor,
    DateTimeOffset AppliedAt)
{
    public static StockLedgerEntryView From(StockLedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var m = entry.Movement;
        return new StockLedgerEntryView(
            m.EntryId, m.Kind.ToString(), m.Cause, m.Location, m.Quantity, entry.OnHandDelta, entry.ReservedDelta, entry.Clamped, m.Reason, m.Actor, entry.AppliedAt);
    }
}
