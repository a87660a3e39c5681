using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Domain.Review.Facts;

namespace ServerlessOps.Domain.Tests.Review;

/// <summary>
/// Crafted facts for the review's rules: SKU rows, stock, campaigns and shipping counts by hand; the channel months are
/// summed from the SKU rows (as the facts promise) with the shipping counts and ad spend added, and the baseline is
/// every earlier month that has a row.
/// </summary>
internal sealed class FactsBuilder
{
    public static readonly ReviewMonth Month = new(2026, 11);

    private readonly List<SkuChannelMonth> _sales = [];
    private readonly List<CampaignMonth> _campaigns = [];
    private readonly List<SkuStock> _stock = [];
    private readonly List<ChannelTarget> _targets = [];
    private readonly List<FeeRule> _fees = [];
    private readonly Dictionary<(ReviewMonth, SalesChannel), (int Orders, int Shipped, int Late)> _operations = [];
    private BrandPolicy _policy = BrandPolicy.Default;

    public FactsBuilder Sale(
        string sku = "TEE",
        SalesChannel channel = SalesChannel.Amazon,
        ReviewMonth? month = null,
        int units = 10,
        decimal revenue = 100m,
        decimal cogs = 40m,
        decimal? feesCharged = null,
        decimal feesScheduled = 15m,
        decimal refunds = 0m,
        int refundedUnits = 0,
        bool mapped = true,
        int unitsWithoutCost = 0,
        int unitsBelowFloor = 0,
        decimal floorShortfall = 0m,
        int? orders = null)
    {
        var at = month ?? Month;
        _sales.Add(new SkuChannelMonth(
            at, channel, sku, mapped, orders ?? units, units, revenue, cogs, unitsWithoutCost, feesCharged, feesScheduled, refunds, refundedUnits, 0,
            unitsBelowFloor, floorShortfall, [$"order:{sku}-{channel}-{at}:line:1"]));
        return this;
    }

    public FactsBuilder Stock(string sku = "TEE", int onHand = 0, decimal? unitCost = 5m, DateOnly? lastSold = null, int daysOut = 0, decimal velocity = 0m, decimal? unitContribution = null)
    {
        _stock.Add(new SkuStock(sku, onHand, unitCost, lastSold, daysOut, velocity, unitContribution, [$"snapshot:{sku}:{Month}"]));
        return this;
    }

    public FactsBuilder Campaign(string campaign, decimal spend, decimal attributedSales, string? sku = "TEE", SalesChannel channel = SalesChannel.Amazon, ReviewMonth? month = null)
    {
        var at = month ?? Month;
        _campaigns.Add(new CampaignMonth(at, channel, campaign, sku, spend, attributedSales, 0, [$"import:ads:{campaign}:{at}"]));
        return this;
    }

    /// <summary>Shipping counts of a channel month (orders placed, merchant-shipped, late).</summary>
    public FactsBuilder Shipping(SalesChannel channel, int shipped, int late, ReviewMonth? month = null, int? orders = null)
    {
        _operations[(month ?? Month, channel)] = (orders ?? shipped, shipped, late);
        return this;
    }

    public FactsBuilder Target(SalesChannel channel, decimal revenue)
    {
        _targets.Add(new ChannelTarget("acme", Month, channel, revenue, null, "USD", $"import:targets:{channel}"));
        return this;
    }

    public FactsBuilder Fee(FeeRule rule)
    {
        _fees.Add(rule);
        return this;
    }

    public FactsBuilder Policy(BrandPolicy policy)
    {
        _policy = policy;
        return this;
    }

    public ReviewFacts Build()
    {
        var keys = _sales.Select(s => (s.Month, s.Channel))
            .Concat(_operations.Keys)
            .Concat(_campaigns.Select(c => (c.Month, c.Channel)))
            .Distinct()
            .OrderBy(k => k.Item1).ThenBy(k => k.Item2)
            .ToList();
        var channels = keys.Select(key =>
        {
            var rows = _sales.Where(s => (s.Month, s.Channel) == key).ToList();
            var ops = _operations.TryGetValue(key, out var o) ? o : (Orders: rows.Sum(r => r.Orders), Shipped: rows.Sum(r => r.Orders), Late: 0);
            return new ChannelMonth(
                key.Item1, key.Item2, ops.Orders, rows.Sum(r => r.Units), ops.Shipped, ops.Late, 0, rows.Count(r => r.Refunds > 0),
                rows.Sum(r => r.Revenue), rows.Sum(r => r.Cogs), rows.Sum(r => r.FeesCharged ?? 0m), rows.Sum(r => r.FeesScheduled),
                rows.Sum(r => r.Refunds), _campaigns.Where(c => (c.Month, c.Channel) == key).Sum(c => c.Spend), 0,
                ops.Late > 0 ? [$"order:late-{key.Item2}-{key.Item1}"] : []);
        }).ToList();
        var baseline = keys.Select(k => k.Item1).Where(m => m < Month).Distinct().Order().ToList();
        return new ReviewFacts("acme", Month, "USD", _policy, baseline, [.. _sales], channels, [.. _campaigns], [.. _stock], [.. _targets], [.. _fees]);
    }
}
