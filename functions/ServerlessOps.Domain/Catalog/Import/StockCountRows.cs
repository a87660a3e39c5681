namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>
/// The stock-count file: <c>sku, location, countedQuantity, countedAt[, reason]</c>. Each row becomes a
/// <see cref="Inventory.StockMovementKind.Count"/> movement (on hand becomes the count). A SKU and location may be counted
/// once per file, and not in the future (more than <see cref="FutureTolerance"/> after the import).
/// </summary>
public static class StockCountRows
{
    /// <summary>Clock difference forgiven between the counter's device and the app.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public const int MaxReasonLength = 200;

    public static IReadOnlyList<string> Fields { get; } = ["sku", "location", "countedQuantity", "countedAt", "reason"];

    public static ImportParse<StockCount> Parse(IReadOnlyList<ImportRow> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var counts = new List<ImportLine<StockCount>>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var sku = values.Text("sku", CatalogText.MaxSkuLength, required: true);
            var location = values.Text("location", StockLocations.MaxLength, required: true);
            var quantity = values.Integer("countedQuantity", required: true);
            var countedAt = values.Instant("countedAt", required: true);
            var reason = values.Text("reason", MaxReasonLength);
            if (countedAt is { } at && at > now + FutureTolerance)
            {
                errors.Add(row.Error("countedAt", $"countedAt is in the future ({at:O}); a count records what was found."));
            }

            if (errors.Count > before || sku is null || location is null || quantity is null || countedAt is null)
            {
                continue;
            }

            if (seen.TryGetValue((sku, location), out var line))
            {
                errors.Add(row.Error("sku", $"SKU '{sku}' at '{location}' is already counted on line {line}; one count per SKU and location per file."));
                continue;
            }

            seen[(sku, location)] = row.Line;
            counts.Add(new ImportLine<StockCount>(row.Line, new StockCount(sku, location, quantity.Value, countedAt.Value, reason)));
        }

        return new ImportParse<StockCount>(counts, errors);
    }
}
