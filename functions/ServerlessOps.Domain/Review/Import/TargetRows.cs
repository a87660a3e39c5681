using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Data;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>
/// The targets file: <c>channel, month (yyyy-MM), revenue, marginPercent, currency</c>, one row per (channel, month).
/// Revenue is net revenue; the margin is a contribution margin in percent (-100 to 100), optional. When the brand's base
/// currency is known the target must be in it (targets are compared with figures in the base currency).
/// </summary>
public static class TargetRows
{
    public static IReadOnlyList<string> Fields { get; } = ["channel", "month", "revenue", "marginPercent", "currency"];

    public static ImportParse<ChannelTarget> Parse(string brandId, string importId, string? baseCurrency, IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var targets = new List<ImportLine<ChannelTarget>>();
        var seen = new Dictionary<(SalesChannel, DateOnly), int>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var channel = ImportChannels.Read(values);
            var month = values.Month("month", required: true);
            var revenue = values.Decimal("revenue", required: true);
            var margin = values.Decimal("marginPercent", min: -100m, max: 100m);
            var currency = values.Currency("currency");
            if (currency is not null && baseCurrency is not null && currency != baseCurrency)
            {
                errors.Add(row.Error("currency", $"currency: targets are in the brand's base currency {baseCurrency}, found {currency}."));
            }

            if (errors.Count > before || channel is null || month is null || revenue is null || currency is null)
            {
                continue;
            }

            if (seen.TryGetValue((channel.Value, month.Value), out var line))
            {
                errors.Add(row.Error("month", $"the {channel.Value.Slug()} target for {month.Value:yyyy-MM} is already on line {line}."));
                continue;
            }

            seen[(channel.Value, month.Value)] = row.Line;
            targets.Add(new ImportLine<ChannelTarget>(row.Line, new ChannelTarget(
                brandId, ReviewMonth.Of(month.Value), channel.Value, revenue.Value, margin, currency, SourceRows.Of(importId, row.Line))));
        }

        return new ImportParse<ChannelTarget>(targets, errors);
    }
}
