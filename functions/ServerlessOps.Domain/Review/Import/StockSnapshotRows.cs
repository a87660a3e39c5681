using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Review.Data;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>
/// The daily stock snapshot file: <c>day, sku, location, onHand</c>, one row per (day, sku, location). History for the
/// review: unlike a stock count it never becomes a ledger movement.
/// </summary>
public static class StockSnapshotRows
{
    public static IReadOnlyList<string> Fields { get; } = ["day", "sku", "location", "onHand"];

    public static ImportParse<StockSnapshot> Parse(string brandId, string importId, IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var snapshots = new List<ImportLine<StockSnapshot>>();
        var seen = new Dictionary<(DateOnly, string, string), int>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var day = values.Day("day", required: true);
            var sku = values.Text("sku", CatalogText.MaxSkuLength, required: true);
            var location = values.Text("location", StockLocations.MaxLength, required: true);
            var onHand = values.Integer("onHand", required: true);
            if (errors.Count > before || day is null || sku is null || location is null || onHand is null)
            {
                continue;
            }

            if (seen.TryGetValue((day.Value, sku, location), out var line))
            {
                errors.Add(row.Error("sku", $"SKU '{sku}' at '{location}' on {day.Value:yyyy-MM-dd} is already on line {line}."));
                continue;
            }

            seen[(day.Value, sku, location)] = row.Line;
            snapshots.Add(new ImportLine<StockSnapshot>(row.Line, new StockSnapshot(brandId, day.Value, sku, location, onHand.Value, SourceRows.Of(importId, row.Line))));
        }

        return new ImportParse<StockSnapshot>(snapshots, errors);
    }
}
