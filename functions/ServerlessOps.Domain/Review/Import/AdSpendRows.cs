using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Data;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>
/// The ad-spend file: <c>day, channel, campaign, sku, spend, attributedSales, attributedUnits, currency</c>. One row per
/// (day, channel, campaign, sku) in a file; <c>sku</c> is optional, attributed sales and units default to 0.
/// </summary>
public static class AdSpendRows
{
    public const int MaxCampaignLength = 200;

    public static IReadOnlyList<string> Fields { get; } = ["day", "channel", "campaign", "sku", "spend", "attributedSales", "attributedUnits", "currency"];

    public static ImportParse<AdSpendDay> Parse(string brandId, string importId, IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var days = new List<ImportLine<AdSpendDay>>();
        var seen = new Dictionary<(DateOnly, SalesChannel, string, string?), int>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var day = values.Day("day", required: true);
            var channel = ImportChannels.Read(values);
            var campaign = values.Text("campaign", MaxCampaignLength, required: true);
            var sku = values.Text("sku", CatalogText.MaxSkuLength);
            var spend = values.Decimal("spend", required: true);
            var sales = values.Decimal("attributedSales") ?? 0m;
            var units = values.Integer("attributedUnits") ?? 0;
            var currency = values.Currency("currency");
            if (errors.Count > before || day is null || channel is null || campaign is null || spend is null || currency is null)
            {
                continue;
            }

            if (seen.TryGetValue((day.Value, channel.Value, campaign, sku), out var line))
            {
                errors.Add(row.Error("campaign", $"{channel.Value.Slug()} campaign '{campaign}'{(sku is null ? string.Empty : $" for SKU '{sku}'")} on {day.Value:yyyy-MM-dd} is already on line {line}."));
                continue;
            }

            seen[(day.Value, channel.Value, campaign, sku)] = row.Line;
            days.Add(new ImportLine<AdSpendDay>(row.Line, new AdSpendDay(
                brandId, day.Value, channel.Value, campaign, sku, spend.Value, sales, units, currency, SourceRows.Of(importId, row.Line))));
        }

        return new ImportParse<AdSpendDay>(days, errors);
    }
}
