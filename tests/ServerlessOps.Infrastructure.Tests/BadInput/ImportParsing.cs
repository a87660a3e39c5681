using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Domain.Review.Import;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Review.Import;
using ServerlessOps.Testing.BadInput;

namespace ServerlessOps.Infrastructure.Tests.BadInput;

/// <summary>
/// An import file through exactly the readers and parsers the importer's check uses (everything before the first write):
/// the file reader of its format, then the kind's row parser; order history through its own readers and
/// <see cref="OrderHistoryParser"/>. Checks against stored data (the catalog) come after and are not part of it.
/// </summary>
internal static class ImportParsing
{
    private static readonly DateTimeOffset _now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public sealed record Result(IReadOnlyList<ImportError> Errors, IReadOnlyList<object> Values);

    public static Result Parse(ImportSeedFile seed, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (!ImportKinds.TryParseSlug(seed.Kind, out var kind))
        {
            throw new ArgumentException($"Unknown kind {seed.Kind}.", nameof(seed));
        }

        var format = seed.IsCsv ? ImportFormat.Csv : ImportFormat.JsonLines;
        if (kind == ImportKind.Orders)
        {
            var errors = new List<ImportError>();
            var orders = new List<object>();
            var items = format == ImportFormat.Csv ? OrderHistoryCsvReader.Read(body) : OrderHistoryJsonLinesReader.Read(body);
            foreach (var item in items)
            {
                errors.AddRange(item.Errors);
                if (item.Input is not null && OrderHistoryParser.Parse("acme", item.Input, errors) is { } order)
                {
                    orders.Add(order);
                }
            }

            return new Result(errors, orders);
        }

        var fields = kind switch
        {
            ImportKind.AdSpend => AdSpendRows.Fields,
            ImportKind.StockSnapshots => StockSnapshotRows.Fields,
            ImportKind.Targets => TargetRows.Fields,
            ImportKind.ExchangeRates => ExchangeRateRows.Fields,
            _ => CatalogImporter.FieldsOf(kind),
        };
        var file = ImportFileReader.Read(body, format, fields);
        var (parseErrors, values) = kind switch
        {
            ImportKind.Catalog => Of(CatalogRows.Parse("acme", file.Rows)),
            ImportKind.Costs => Of(CostRows.Parse(file.Rows)),
            ImportKind.Fees => Of(FeeRows.Parse(file.Rows)),
            ImportKind.StockCounts => Of(StockCountRows.Parse(file.Rows, _now)),
            ImportKind.AdSpend => Of(AdSpendRows.Parse("acme", "import-1", file.Rows)),
            ImportKind.StockSnapshots => Of(StockSnapshotRows.Parse("acme", "import-1", file.Rows)),
            ImportKind.Targets => Of(TargetRows.Parse("acme", "import-1", "USD", file.Rows)),
            _ => Of(ExchangeRateRows.Parse("acme", "import-1", file.Rows)),
        };
        return new Result([.. file.Errors, .. parseErrors], values);
    }

    /// <summary>What is out of range in a value the parsers let through: a negative count, price, cost or spend, a rate of zero.</summary>
    public static string? Absurd(object value) => value switch
    {
        StockCount count when count.Quantity < 0 => $"stock count {count.Sku} of {count.Quantity}",
        UnitCost cost when cost.Amount < 0 => $"unit cost {cost.Sku} of {cost.Amount}",
        ExchangeRate rate when rate.Rate <= 0 => $"exchange rate {rate.From}/{rate.To} of {rate.Rate}",
        AdSpendDay spend when spend.Spend < 0 || spend.AttributedUnits < 0 || spend.AttributedSales < 0 => $"ad spend {spend.Campaign} with a negative amount",
        ChannelTarget target when target.Revenue < 0 => $"target {target.Channel} {target.Month} of {target.Revenue}",
        Order order when order.Lines.Any(l => l.Quantity < 0 || l.UnitPrice < 0) || order.Total < 0 => $"order {order.Id} with a negative quantity, price or total",
        _ => null,
    };

    private static (IReadOnlyList<ImportError>, IReadOnlyList<object>) Of<T>(ImportParse<T> parse)
        where T : notnull =>
        (parse.Errors, [.. parse.Values.Select(v => (object)v.Value)]);
}
