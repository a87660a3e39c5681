using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Domain.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// Joins the channels' partial facts with the review's other imports into <see cref="ReviewFacts"/>: campaigns from ad
/// spend (per month, channel, campaign and SKU, at each day's rate), ad spend into each channel's month, stock per SKU
/// from the daily snapshots over the velocity window, the reviewed month's targets and the brand's fee schedule.
/// Snapshots and ad spend stream; only per-SKU and per-campaign sums are kept.
/// </summary>
public sealed class ReviewFactsAssembler(IReviewDataStore data, ReviewCatalogCache catalog, ExchangeRateBook rates)
{
    /// <summary>Source rows kept per campaign for evidence.</summary>
    private const int MaxSourceRows = 5;

    public async Task<BuiltReviewFacts> AssembleAsync(Brand brand, ReviewWindow window, IReadOnlyList<ChannelPartialFacts> partials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(partials);
        var rowsRead = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["orders"] = partials.Sum(p => p.OrdersRead),
            ["orderLines"] = partials.Sum(p => p.LinesRead),
            ["pnlLines"] = partials.Sum(p => p.PnlRows),
        };

        var (campaigns, adRows) = await ReadCampaignsAsync(brand.Id, window, cancellationToken);
        rowsRead["adSpend"] = adRows;
        var channels = MergeChannels(partials, campaigns);
        var sales = partials.SelectMany(p => p.Sales).OrderBy(s => s.Month).ThenBy(s => s.Channel).ThenBy(s => s.Sku, StringComparer.Ordinal).ToList();
        var (stock, snapshotRows) = await ReadStockAsync(brand.Id, window, partials, cancellationToken);
        rowsRead["stockSnapshots"] = snapshotRows;

        var targets = (await data.GetTargetsAsync(brand.Id, window.Month, cancellationToken))
            .Select(t => t with { Revenue = rates.ToBase(t.Revenue, t.Currency, window.Month.FirstDay), Currency = rates.BaseCurrency })
            .OrderBy(t => t.Channel)
            .ToList();
        var fees = new List<FeeRule>();
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            // The rules the reviewed month's fees were priced with (ChannelFactsAggregator): as known at its close once reported.
            fees.AddRange(window.ClosedAt.TryGetValue(window.Month, out var closedAt)
                ? await catalog.FeesKnownAtAsync(channel, closedAt, cancellationToken)
                : await catalog.FeesAsync(channel, cancellationToken));
        }

        var baseline = channels.Select(c => c.Month).Concat(sales.Select(s => s.Month))
            .Where(m => m < window.Month).Distinct().Order().TakeLast(window.BaselineMonths).ToList();
        var facts = new ReviewFacts(brand.Id, window.Month, brand.BaseCurrency, brand.Policy, baseline, sales, channels, campaigns, stock, targets, fees);
        var restatements = partials.SelectMany(p => p.Restatements).OrderBy(r => r.RecordedAt).ThenBy(r => r.SourceRow, StringComparer.Ordinal).ToList();
        return new BuiltReviewFacts(facts, restatements, rowsRead);
    }

    private static List<ChannelMonth> MergeChannels(IReadOnlyList<ChannelPartialFacts> partials, IReadOnlyList<CampaignMonth> campaigns)
    {
        var adSpend = campaigns.GroupBy(c => (c.Month, c.Channel)).ToDictionary(g => g.Key, g => g.Sum(c => c.Spend));
        var channels = partials.SelectMany(p => p.Channels)
            .Select(c => c with { AdSpend = adSpend.GetValueOrDefault((c.Month, c.Channel)) })
            .ToList();
        foreach (var ((month, channel), spend) in adSpend)
        {
            if (!channels.Any(c => c.Month == month && c.Channel == channel))
            {
                channels.Add(new ChannelMonth(month, channel, 0, 0, 0, 0, 0, 0, 0m, 0m, 0m, 0m, 0m, spend, 0, []));
            }
        }

        return [.. channels.OrderBy(c => c.Month).ThenBy(c => c.Channel)];
    }

    private async Task<(List<CampaignMonth> Campaigns, long Rows)> ReadCampaignsAsync(string brandId, ReviewWindow window, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(ReviewMonth, SalesChannel, string, string?), (decimal Spend, decimal Sales, int Units, List<string> Rows)>();
        long rows = 0;
        await foreach (var day in data.ReadAdSpendAsync(brandId, window.FirstMonth.FirstDay, window.LastDay.AddDays(1), cancellationToken))
        {
            rows++;
            var key = (ReviewMonth.Of(day.Day), day.Channel, day.Campaign, day.Sku);
            var rate = rates.RateToBase(day.Currency, day.Day);
            var current = sums.GetValueOrDefault(key, (0m, 0m, 0, []));
            if (current.Rows.Count < MaxSourceRows)
            {
                current.Rows.Add(day.SourceRow);
            }

            sums[key] = (current.Spend + (day.Spend * rate), current.Sales + (day.AttributedSales * rate), current.Units + day.AttributedUnits, current.Rows);
        }

        var campaigns = sums
            .Select(kv => new CampaignMonth(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Key.Item4, kv.Value.Spend, kv.Value.Sales, kv.Value.Units, kv.Value.Rows))
            .OrderBy(c => c.Month).ThenBy(c => c.Channel).ThenBy(c => c.Campaign, StringComparer.Ordinal).ThenBy(c => c.Sku, StringComparer.Ordinal)
            .ToList();
        return (campaigns, rows);
    }

    /// <summary>
    /// Per SKU over the velocity window: locations summed per day; in-stock days (a snapshot with units on hand) for the
    /// velocity, zero days of the reviewed month for the stock-outs, the last snapshot for the month-end stock. A SKU that
    /// sold but has no snapshot counts every day of the window as in stock.
    /// </summary>
    private async Task<(List<SkuStock> Stock, long Rows)> ReadStockAsync(string brandId, ReviewWindow window, IReadOnlyList<ChannelPartialFacts> partials, CancellationToken cancellationToken)
    {
        var perSku = new Dictionary<string, StockDays>(StringComparer.Ordinal);
        long rows = 0;
        var onDay = new Dictionary<string, (int OnHand, string Row)>(StringComparer.Ordinal);
        DateOnly? currentDay = null;
        await foreach (var snapshot in data.ReadStockSnapshotsAsync(brandId, window.VelocityFrom, window.LastDay.AddDays(1), cancellationToken))
        {
            rows++;
            if (currentDay != snapshot.Day)
            {
                Close(currentDay, onDay, perSku, window);
                currentDay = snapshot.Day;
            }

            var current = onDay.TryGetValue(snapshot.Sku, out var seen) ? seen : (OnHand: 0, Row: snapshot.SourceRow);
            onDay[snapshot.Sku] = (current.OnHand + snapshot.OnHand, current.Row);
        }

        Close(currentDay, onDay, perSku, window);

        var days = partials.SelectMany(p => p.RecentDays).GroupBy(d => d.Sku, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lastSold = partials.SelectMany(p => p.LastSold).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(kv => kv.Value), StringComparer.Ordinal);
        var monthEnd = window.Until;
        var stock = new List<SkuStock>();
        foreach (var sku in perSku.Keys.Concat(days.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var snapshots = perSku.GetValueOrDefault(sku);
            var sold = days.GetValueOrDefault(sku) ?? [];
            var units = sold.Sum(d => d.Units);
            var inStockDays = snapshots is null ? ReviewWindow.VelocityDays : snapshots.InStockDays;
            var withCost = sold.Sum(d => d.UnitsWithCost);
            decimal? unitContribution = withCost == 0 ? null : sold.Sum(d => d.RevenueWithCost - d.Cogs - d.FeesWithCost) / withCost;
            var cost = await catalog.CostAtAsync(sku, monthEnd.AddTicks(-1), cancellationToken);
            decimal? unitCost = cost is null ? null : rates.ToBase(cost.Amount, cost.Currency, window.LastDay);
            stock.Add(new SkuStock(
                sku,
                snapshots?.OnHandAtEnd ?? 0,
                unitCost,
                lastSold.TryGetValue(sku, out var last) ? last : null,
                snapshots?.OutOfStockDaysInMonth ?? 0,
                inStockDays == 0 ? 0m : (decimal)units / inStockDays,
                unitContribution,
                snapshots?.SourceRows ?? []));
        }

        return (stock, rows);
    }

    private static void Close(DateOnly? day, Dictionary<string, (int OnHand, string Row)> onDay, Dictionary<string, StockDays> perSku, ReviewWindow window)
    {
        if (day is not { } d)
        {
            return;
        }

        foreach (var (sku, (onHand, row)) in onDay)
        {
            if (!perSku.TryGetValue(sku, out var days))
            {
                days = new StockDays();
                perSku[sku] = days;
            }

            days.Add(d, onHand, row, inMonth: ReviewMonth.Of(d) == window.Month);
        }

        onDay.Clear();
    }

    private sealed class StockDays
    {
        private string? _firstOutRow;
        private string? _lastRow;

        public int InStockDays { get; private set; }

        public int OutOfStockDaysInMonth { get; private set; }

        public int OnHandAtEnd { get; private set; }

        public IReadOnlyList<string> SourceRows => [.. new[] { _firstOutRow, _lastRow }.OfType<string>().Distinct(StringComparer.Ordinal)];

        public void Add(DateOnly day, int onHand, string row, bool inMonth)
        {
            _ = day;
            if (onHand > 0)
            {
                InStockDays++;
            }
            else if (inMonth)
            {
                OutOfStockDaysInMonth++;
                _firstOutRow ??= row;
            }

            OnHandAtEnd = onHand;
            _lastRow = row;
        }
    }
}
