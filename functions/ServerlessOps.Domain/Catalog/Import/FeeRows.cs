using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>
/// The fee-schedule file: <c>channel, feeType, category, scope, basis, percent, fixedPerUnit, fixedPerOrder, currency,
/// effectiveFrom, effectiveTo</c>. Channel is <c>shopify|amazon|walmart|tiktok</c>; scope <c>perLine|perOrder</c>
/// (default perLine); basis <c>net|total</c> (default net); percent 0-100 (15 = 15 %); fixed amounts default 0. A rule
/// supersedes the previous one of the same channel, fee type and category from its start. The letter case of the fee type
/// or the category does not make another rule (<see cref="EffectivePeriods.FeeKey"/>): two rows of one file that differ
/// only in it and start together are refused, naming the first one's line, as two rows of one rule with two rates are.
/// </summary>
public static class FeeRows
{
    public static IReadOnlyList<string> Fields { get; } =
        ["channel", "feeType", "category", "scope", "basis", "percent", "fixedPerUnit", "fixedPerOrder", "currency", "effectiveFrom", "effectiveTo"];

    public static ImportParse<FeeRule> Parse(IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var rules = new List<ImportLine<FeeRule>>();
        var seen = new Dictionary<(SalesChannel, string, DateTimeOffset), (int Line, string FeeType, string? Category)>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var channel = values.Choice<SalesChannel>("channel", (SalesChannel)(-1),
                ("shopify", SalesChannel.Shopify), ("amazon", SalesChannel.Amazon), ("walmart", SalesChannel.Walmart), ("tiktok", SalesChannel.TikTokShop));
            if (channel == (SalesChannel)(-1))
            {
                errors.Add(row.Error("channel", "channel is required (shopify, amazon, walmart or tiktok)."));
            }

            var feeType = values.Text("feeType", CatalogText.MaxNameLength, required: true);
            var category = values.Text("category", CatalogText.MaxNameLength);
            var scope = values.Choice("scope", FeeScope.PerLine, ("perLine", FeeScope.PerLine), ("perOrder", FeeScope.PerOrder));
            var basis = values.Choice("basis", FeeBasis.Net, ("net", FeeBasis.Net), ("total", FeeBasis.Total));
            var percent = values.Decimal("percent", max: 100m) ?? 0m;
            var perUnit = values.Decimal("fixedPerUnit") ?? 0m;
            var perOrder = values.Decimal("fixedPerOrder") ?? 0m;
            var currency = values.Currency("currency");
            var from = values.Instant("effectiveFrom", required: true);
            var to = values.Instant("effectiveTo");
            values.CheckPeriod(from, to, "effectiveTo");
            if (errors.Count > before || channel is not { } c || feeType is null || scope is null || basis is null || currency is null || from is null)
            {
                continue;
            }

            var rule = new FeeRule(c, feeType, category, scope.Value, basis.Value, percent, perUnit, perOrder, currency, from.Value, to);
            if (seen.TryGetValue((c, EffectivePeriods.FeeKey(rule), from.Value), out var first))
            {
                var asWritten = string.Equals(first.FeeType, feeType, StringComparison.Ordinal) && string.Equals(first.Category, category, StringComparison.Ordinal)
                    ? string.Empty
                    : $" (as '{first.FeeType}'{(first.Category is null ? string.Empty : $" for '{first.Category}'")}: fee types and categories match ignoring case)";
                errors.Add(row.Error("effectiveFrom", $"{c} fee '{feeType}'{(category is null ? string.Empty : $" for category '{category}'")} already starts at {from.Value:O} on line {first.Line}{asWritten}."));
                continue;
            }

            seen[(c, EffectivePeriods.FeeKey(rule), from.Value)] = (row.Line, feeType, category);
            rules.Add(new ImportLine<FeeRule>(row.Line, rule));
        }

        return new ImportParse<FeeRule>(rules, errors);
    }
}
