using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Review.Data;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>
/// The exchange-rate file: <c>day, from, to, rate</c>: one unit of <c>from</c> is worth <c>rate</c> units of <c>to</c> on
/// that day. Rate above 0 with at most <see cref="MaxRateScale"/> decimals; from ≠ to; one row per (day, from, to).
/// </summary>
public static class ExchangeRateRows
{
    /// <summary>Decimals a rate may have: published cross rates carry up to 6-8.</summary>
    public const int MaxRateScale = 10;

    public static IReadOnlyList<string> Fields { get; } = ["day", "from", "to", "rate"];

    public static ImportParse<ExchangeRate> Parse(string brandId, string importId, IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<ImportError>();
        var rates = new List<ImportLine<ExchangeRate>>();
        var seen = new Dictionary<(DateOnly, string, string), int>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var values = new ImportValues(row, errors);
            var day = values.Day("day", required: true);
            var from = values.Currency("from");
            var to = values.Currency("to");
            var rate = values.Decimal("rate", required: true, maxScale: MaxRateScale);
            if (rate == 0m)
            {
                errors.Add(row.Error("rate", "rate must be above 0."));
            }

            if (from is not null && from == to)
            {
                errors.Add(row.Error("to", $"to must differ from from ({from})."));
            }

            if (errors.Count > before || day is null || from is null || to is null || rate is null)
            {
                continue;
            }

            if (seen.TryGetValue((day.Value, from, to), out var line))
            {
                errors.Add(row.Error("day", $"the {from}→{to} rate for {day.Value:yyyy-MM-dd} is already on line {line}."));
                continue;
            }

            seen[(day.Value, from, to)] = row.Line;
            rates.Add(new ImportLine<ExchangeRate>(row.Line, new ExchangeRate(brandId, day.Value, from, to, rate.Value, SourceRows.Of(importId, row.Line))));
        }

        return new ImportParse<ExchangeRate>(rates, errors);
    }
}
