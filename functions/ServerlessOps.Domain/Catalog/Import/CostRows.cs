namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>
/// The unit-cost file: <c>sku, unitCost, currency, effectiveFrom[, effectiveTo]</c>. A new row for a SKU supersedes
/// the one before it from its start (<see cref="EffectivePeriods"/>); one SKU may not have two rows with the same start
/// in one file. Whether the SKU is in the catalog and the currency is its item's is checked against the stored catalog.
/// </summary>
public static class CostRows
{
    public static IReadOnlyList<string> Fields { get; } = ["sku", "unitCost", "currency", "effectiveFrom", "effectiveTo"];

    public static ImportParse<UnitCost> Parse(IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var costs = new List<ImportLine<UnitCost>>();
        var seen = new Dictionary<(string, DateTimeOffset), int>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var sku = values.Text("sku", CatalogText.MaxSkuLength, required: true);
            var amount = values.Decimal("unitCost", required: true);
            var currency = values.Currency("currency");
            var from = values.Instant("effectiveFrom", required: true);
            var to = values.Instant("effectiveTo");
            values.CheckPeriod(from, to, "effectiveTo");
            if (errors.Count > before || sku is null || amount is null || currency is null || from is null)
            {
                continue;
            }

            if (seen.TryGetValue((sku, from.Value), out var line))
            {
                errors.Add(row.Error("effectiveFrom", $"SKU '{sku}' already has a cost from {from.Value:O} on line {line}."));
                continue;
            }

            seen[(sku, from.Value)] = row.Line;
            costs.Add(new ImportLine<UnitCost>(row.Line, new UnitCost(sku, amount.Value, currency, from.Value, to)));
        }

        return new ImportParse<UnitCost>(costs, errors);
    }
}
