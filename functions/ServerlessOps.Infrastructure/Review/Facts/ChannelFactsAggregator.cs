using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Pricing;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// Folds one channel's orders, one at a time as they stream, into <see cref="ChannelPartialFacts"/>. Per order line:
/// <list type="bullet">
/// <item>month = the order's creation month in the brand's time zone; money converted at the rate of that local day;</item>
/// <item>sold units = quantity − cancelled (all unshipped units when the channel cancelled the order whole);</item>
/// <item>revenue = sold × unit price − discount share (the line's discount pro rata to sold units, plus the order-level
/// discount shared by sold gross); tax and shipping excluded;</item>
/// <item>COGS = sold × the unit cost in effect at the order's time; scheduled fees and the floor from
/// <see cref="PriceGuardrail.CheckOrder"/> with the channel's fee schedule (as known at the month's first report once it
/// has one, <see cref="ReviewWindow.ClosedAt"/>) and the brand's margin floor (the one rule);</item>
/// <item>charged fees = the order's <see cref="Order.Fees"/> recorded before the window's end (settlement fees recorded later
/// are restatements of the month they were recorded in; an imported order's settlement fees replace the fees it was
/// imported with for the lines they cover, <see cref="ChargedFees"/>), shared by net among its lines, where it has any; a sold line
/// without charges keeps its scheduled fees apart (<see cref="Domain.Review.Facts.SkuChannelMonth.FeesScheduledWithoutCharges"/>);</item>
/// <item>refunds = refunds recorded before the window's end, tax and shipping excluded (<see cref="RefundMoney"/>): each line's
/// own, plus money given back on no line (goodwill, adjustments) shared by net among the order's lines, as order-level fees are,
/// less money kept back from the refund's lines (a restocking fee) on those lines, where pnl-lines.csv shows it apart.</item>
/// </list>
/// Lines whose price the channel withheld are counted in <see cref="LinesWithoutPrice"/> and left out of the money, all but
/// what was refunded on them: that counts in refunds, and pnl-lines.csv has a row for it (no revenue, cost or fees).
/// </summary>
public sealed class ChannelFactsAggregator(
    ReviewWindow window, SalesChannel channel, BrandPolicy policy, ExchangeRateBook rates, ReviewCatalogCache catalog, TextWriter? pnlLines = null)
{
    private readonly Dictionary<(ReviewMonth, string, bool), SkuMonthTotals> _sales = [];
    private readonly Dictionary<ReviewMonth, ChannelMonthTotals> _months = [];
    private readonly Dictionary<(string, DateOnly), SkuDaySales> _days = [];
    private readonly Dictionary<string, DateOnly> _lastSold = new(StringComparer.Ordinal);
    private readonly List<Restatement> _restatements = [];

    public long OrdersRead { get; private set; }

    public long LinesRead { get; private set; }

    public long LinesWithoutPrice { get; private set; }

    public long PnlRows { get; private set; }

    public async Task AddAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var month = window.MonthOf(order.PlacedAt);
        if (order.Channel != channel || month < window.FirstMonth || month > window.Month)
        {
            return;
        }

        OrdersRead++;
        LinesRead += order.Lines.Count;
        var day = window.LocalDay(order.PlacedAt);
        var rate = rates.RateToBase(order.Currency, day);
        var totals = MonthTotals(month);
        totals.Orders++;
        totals.CountDay(day);

        var lines = await PriceLinesAsync(order, month, day, cancellationToken);
        var refunds = order.Refunds.Where(r => r.RefundedAt < window.Until).ToList();
        if (lines.All(l => l.Sold == 0) || order.ChannelFacts.Cancelled)
        {
            totals.CancelledOrders++;
        }
        else
        {
            CountShipping(order, lines, totals);
        }

        if (refunds.Count > 0)
        {
            totals.RefundedOrders++;
        }

        AddRestatements(order, month, rate, lines);
        var chargedShares = ShareChargedFees(order, lines, rate, window.Until);
        var refundShares = ShareByNet(lines, refunds.Sum(RefundMoney.NotOnLines));
        var keptBackShares = ShareKeptBack(lines, refunds);
        var skusCounted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var refunded = refunds.SelectMany(r => r.Lines).Where(r => r.LineId == line.Line.LineId).ToList();
            var keptBack = keptBackShares[i] * rate;
            var refundMoney = ((refunded.Sum(r => r.Amount) + refundShares[i]) * rate) - keptBack;
            var sku = Totals(month, line.Sku, line.Listing is not null);
            var source = $"order:{order.Id}:line:{line.Line.LineId}";
            sku.CancelledUnits += line.Line.Quantity - line.Sold;
            sku.RefundedUnits += refunded.Sum(r => r.Quantity);
            sku.Refunds += refundMoney;
            if (refundMoney != 0m)
            {
                sku.AddRefundSource(source);
            }

            if (line.Sold > 0 && skusCounted.Add(line.Sku))
            {
                sku.Orders++;
            }

            if (line.Net is not { } net)
            {
                // Its money is left out, but what was refunded on it counts in the month's refunds: the row traces that.
                LinesWithoutPrice++;
                if (refundMoney != 0m)
                {
                    await WritePnlRowAsync(order, line, month, 0m, 0m, 0m, null, refundMoney, keptBack, cancellationToken);
                }

                continue;
            }

            var revenue = net * rate;
            var cogs = line.UnitCostBase is { } unitCost ? line.Sold * unitCost : 0m;
            var scheduled = line.ScheduledFees * rate;
            sku.Units += line.Sold;
            sku.Revenue += revenue;
            sku.Cogs += cogs;
            sku.UnitsWithoutCost += line.UnitCostBase is null ? line.Sold : 0;
            sku.FeesScheduled += scheduled;
            if (chargedShares?[i] is { } charged)
            {
                sku.FeesCharged = (sku.FeesCharged ?? 0m) + charged;
            }
            else if (line.Sold > 0)
            {
                // Not settled yet: the P&L estimates this line from the schedule, as pnl-lines.csv does.
                sku.FeesScheduledWithoutCharges = (sku.FeesScheduledWithoutCharges ?? 0m) + scheduled;
            }

            if (line.BelowFloorBy is { } shortfall)
            {
                sku.UnitsBelowFloor += line.Sold;
                sku.FloorShortfall += shortfall * line.Sold * rate;
                sku.AddFloorSource(source);
            }

            if (line.Sold > 0)
            {
                sku.AddSource(source);
                AddDay(line, day, revenue, cogs, scheduled);
            }

            if (line.Sold > 0 || refundMoney != 0m || chargedShares?[i] is not null)
            {
                await WritePnlRowAsync(order, line, month, revenue, cogs, scheduled, chargedShares?[i], refundMoney, keptBack, cancellationToken);
            }
        }
    }

    /// <summary>The line's row of <c>pnl-lines.csv</c> (<see cref="PnlLinesCsv"/>), base currency; only the reviewed month's lines have one.</summary>
    private async Task WritePnlRowAsync(
        Order order, PricedOrderLine line, ReviewMonth month, decimal revenue, decimal cogs, decimal scheduled, decimal? charged, decimal refunds, decimal keptBack, CancellationToken cancellationToken)
    {
        if (month != window.Month || pnlLines is null)
        {
            return;
        }

        await pnlLines.WriteLineAsync(PnlLinesCsv.Row(order.Id, line.Line.LineId, channel, line.Sku, month, revenue, cogs, scheduled, charged, refunds, keptBack).AsMemory(), cancellationToken);
        PnlRows++;
    }

    public ChannelPartialFacts Result()
    {
        var sales = _sales.Values.Select(s => s.ToFacts())
            .OrderBy(s => s.Month).ThenBy(s => s.Sku, StringComparer.Ordinal).ThenBy(s => s.Mapped).ToList();
        var months = _months.Values.OrderBy(m => m.Month)
            .Select(m => m.ToFacts(channel, [.. sales.Where(s => s.Month == m.Month)]))
            .ToList();
        return new ChannelPartialFacts(
            channel, sales, months,
            [.. _days.Values.OrderBy(d => d.Sku, StringComparer.Ordinal).ThenBy(d => d.Day)],
            new SortedDictionary<string, DateOnly>(_lastSold, StringComparer.Ordinal),
            [.. _restatements.OrderBy(r => r.RecordedAt).ThenBy(r => r.SourceRow, StringComparer.Ordinal)],
            OrdersRead, LinesRead, PnlRows);
    }

    private ChannelMonthTotals MonthTotals(ReviewMonth month)
    {
        if (!_months.TryGetValue(month, out var totals))
        {
            totals = new ChannelMonthTotals(month);
            _months[month] = totals;
        }

        return totals;
    }

    private SkuMonthTotals Totals(ReviewMonth month, string sku, bool mapped)
    {
        if (!_sales.TryGetValue((month, sku, mapped), out var totals))
        {
            totals = new SkuMonthTotals(month, channel, sku, mapped);
            _sales[(month, sku, mapped)] = totals;
        }

        return totals;
    }

    /// <summary>Each line resolved and priced: sold units, net, cost and the pricing rule's fees and floor, in the order's currency.</summary>
    private async Task<List<PricedOrderLine>> PriceLinesAsync(Order order, ReviewMonth month, DateOnly day, CancellationToken cancellationToken)
    {
        var orderRate = rates.RateToBase(order.Currency, day);
        var lines = new List<PricedOrderLine>(order.Lines.Count);
        foreach (var line in order.Lines)
        {
            var listing = await catalog.ListingAsync(channel, line.Sku, cancellationToken);
            var cost = listing is null ? null : await catalog.CostAtAsync(listing.Sku, order.PlacedAt, cancellationToken);
            var cancelled = order.ChannelFacts.Cancelled ? Math.Max(line.QuantityCancelled, line.Quantity - line.QuantityShipped) : line.QuantityCancelled;
            var sold = Math.Max(0, line.Quantity - Math.Min(line.Quantity, cancelled));
            decimal? costBase = cost is null ? null : cost.Amount * rates.RateToBase(cost.Currency, day);
            decimal? mapInOrderCurrency = listing?.MinimumAdvertisedPrice is { } map ? map * rates.RateToBase(listing.Currency, day) / orderRate : null;
            lines.Add(new PricedOrderLine(line, listing, listing?.Sku ?? line.Sku, sold, costBase, costBase / orderRate, mapInOrderCurrency));
        }

        ShareDiscounts(order, lines);
        var priced = lines.Where(l => l.Sold > 0 && l.Net is not null).ToList();
        if (priced.Count > 0)
        {
            var verdict = Check(order, priced, await FeesOfAsync(month, cancellationToken));
            for (var i = 0; i < priced.Count; i++)
            {
                var v = verdict.Lines[i];
                priced[i].ScheduledFees = v.Fees;
                priced[i].BelowFloorBy = v.BelowFloor && v.Floor is { } floor ? floor - v.UnitNet : null;
            }
        }

        return lines;
    }

    /// <summary>
    /// The fee schedule <paramref name="month"/>'s lines are priced with: as known when that month was first reported
    /// (<see cref="ReviewWindow.ClosedAt"/>) once it has been, as it is now before. So a closed month counts the same fees
    /// whether it is run again, read as a later month's baseline or restated, and a fee-schedule correction imported
    /// after its close only prices the months reported after it.
    /// </summary>
    private Task<IReadOnlyList<FeeRule>> FeesOfAsync(ReviewMonth month, CancellationToken cancellationToken) =>
        window.ClosedAt.TryGetValue(month, out var closedAt)
            ? catalog.FeesKnownAtAsync(channel, closedAt, cancellationToken)
            : catalog.FeesAsync(channel, cancellationToken);

    /// <summary>The pricing rule (<see cref="PriceGuardrail.CheckOrder"/>) on the sold, priced lines with <paramref name="fees"/>.</summary>
    private OrderPriceVerdict Check(Order order, List<PricedOrderLine> priced, IReadOnlyList<FeeRule> fees) =>
        PriceGuardrail.CheckOrder(
            [.. priced.Select(l => new PricedLine(l.Line.LineId, l.Sold, l.Line.UnitPriceForSums()!.Value, Math.Max(0m, l.DiscountShare), l.TaxShare, l.Listing?.Category, l.MapInOrderCurrency, l.UnitCostInOrderCurrency))],
            Math.Min(policy.MarginFloorPercent, MaxMarginFloorPercent), fees, order.Currency, order.PlacedAt);

    /// <summary>The pricing rule takes floors under 100 %; a policy of exactly 100 % is checked just under it.</summary>
    private const decimal MaxMarginFloorPercent = 99.99m;

    /// <summary>Line discounts pro rata to sold units; the order-level discount by sold gross, the last priced line taking the remainder.</summary>
    private static void ShareDiscounts(Order order, List<PricedOrderLine> lines)
    {
        var gross = lines.Select(l => l.Line.UnitPriceForSums() is { } price ? l.Sold * price : 0m).ToArray();
        var totalGross = gross.Sum();
        var left = order.OrderDiscount;
        var lastPriced = lines.FindLastIndex(l => l.Line.UnitPrice is not null && l.Sold > 0);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Line.UnitPrice is null || line.Line.Discount is null)
            {
                continue;
            }

            var share = line.Line.Quantity == 0 ? 0m : line.Line.Discount.Value * line.Sold / line.Line.Quantity;
            var orderShare = i == lastPriced ? left : totalGross == 0m ? 0m : order.OrderDiscount * gross[i] / totalGross;
            left -= orderShare;
            line.DiscountShare = share + orderShare;
            line.TaxShare = line.Line.Tax is { } tax && line.Line.Quantity > 0 ? tax * line.Sold / line.Line.Quantity : null;
            line.Net = (line.Sold * line.Line.UnitPriceForSums()!.Value) - line.DiscountShare;
        }
    }

    /// <summary>
    /// The order's charged fees (base currency) per line: a fee naming its line (<see cref="OrderFee.LineId"/>) goes to that
    /// line, a fee on the whole order is shared by line net (the last line taking the remainder); null when the order
    /// carries none. Only fees recorded before <paramref name="until"/> count.
    /// </summary>
    private static decimal?[]? ShareChargedFees(Order order, List<PricedOrderLine> lines, decimal rate, DateTimeOffset until)
    {
        // A fee recorded after the window's end (a settlement imported after the month closed) is a later month's restatement;
        // settlement fees stand in for the fees an imported order came with (ChargedFees).
        var fees = ChargedFees.Counted(order, until);
        if (fees.Count == 0)
        {
            return null;
        }

        var shares = new decimal?[lines.Count];
        var orderLevel = 0m;
        foreach (var fee in fees)
        {
            var index = fee.LineId is null ? -1 : lines.FindIndex(l => l.Line.LineId == fee.LineId);
            if (index >= 0)
            {
                shares[index] = (shares[index] ?? 0m) + (fee.Amount * rate);
            }
            else
            {
                orderLevel += fee.Amount * rate;
            }
        }

        var orderLevelShares = ShareByNet(lines, orderLevel);
        for (var i = 0; i < lines.Count; i++)
        {
            if (IsSharedBy(lines, i))
            {
                shares[i] = (shares[i] ?? 0m) + orderLevelShares[i];
            }
        }

        return shares;
    }

    /// <summary>
    /// Money on the whole order (an order-level fee, a refund naming no line) shared by the lines' net among the sold, priced
    /// lines (the last taking the remainder, so the shares add up to <paramref name="amount"/> exactly); among all lines
    /// equally when none is sold and priced.
    /// </summary>
    private static decimal[] ShareByNet(List<PricedOrderLine> lines, decimal amount)
    {
        var shares = new decimal[lines.Count];
        if (amount == 0m || lines.Count == 0)
        {
            return shares;
        }

        var nets = lines.Select(l => l.Sold > 0 && l.Net is { } n ? n : 0m).ToArray();
        var contributing = Enumerable.Range(0, lines.Count).Where(i => IsSharedBy(lines, i)).ToList();
        var netSum = contributing.Sum(i => nets[i]);
        var left = amount;
        foreach (var i in contributing)
        {
            var share = i == contributing[^1] ? left : netSum == 0m ? amount / contributing.Count : amount * nets[i] / netSum;
            shares[i] = share;
            left -= share;
        }

        return shares;
    }

    /// <summary>
    /// The money refunds kept back from their lines (<see cref="RefundMoney.KeptBack"/>, a restocking fee), per line: each
    /// refund's shared among its own lines by what it refunded on each (the last taking the remainder), since it was
    /// withheld from them and not from the order's other lines.
    /// </summary>
    private static decimal[] ShareKeptBack(List<PricedOrderLine> lines, List<OrderRefund> refunds)
    {
        var shares = new decimal[lines.Count];
        foreach (var refund in refunds)
        {
            var keptBack = RefundMoney.KeptBack(refund);
            if (keptBack == 0m)
            {
                continue;
            }

            var refunded = lines.Select(l => refund.Lines.Where(r => r.LineId == l.Line.LineId).Sum(r => r.Amount)).ToArray();
            var taking = Enumerable.Range(0, lines.Count).Where(i => refunded[i] > 0m).ToList();
            var total = taking.Sum(i => refunded[i]);
            var left = keptBack;
            foreach (var i in taking)
            {
                var share = i == taking[^1] ? left : keptBack * refunded[i] / total;
                shares[i] += share;
                left -= share;
            }
        }

        return shares;
    }

    /// <summary>Whether line <paramref name="i"/> takes a share of order-level money (<see cref="ShareByNet"/>).</summary>
    private static bool IsSharedBy(List<PricedOrderLine> lines, int i) =>
        (lines[i].Sold > 0 && lines[i].Net is not null) || !lines.Exists(l => l.Sold > 0 && l.Net is not null);

    /// <summary>
    /// Merchant-fulfilled orders against their ship-by: the order's own <see cref="Order.ShipBy"/> where the channel or the
    /// history import states one, else placed + the brand's ship-within promise. Fulfilment by the channel is the order's
    /// <see cref="Order.FulfilledByChannel"/> where known, else every line's listing ships from the channel's stock.
    /// Shipped (<see cref="Order.ShippedAt"/>) after the ship-by, or still unshipped when it passed before the window's
    /// end, is late.
    /// </summary>
    private void CountShipping(Order order, List<PricedOrderLine> lines, ChannelMonthTotals totals)
    {
        if (order.FulfilledByChannel ?? lines.All(l => l.Listing?.ChannelFulfilled == true))
        {
            return;
        }

        var shipBy = order.ShipBy ?? order.PlacedAt + policy.DefaultShipWithin;
        if (order.ShippedAt is { } shipped)
        {
            totals.MerchantShippedOrders++;
            if (shipped > shipBy)
            {
                totals.AddLate($"order:{order.Id}");
            }
        }
        else if (order.Lines.All(l => l.QuantityShipped == 0) && shipBy < window.Until)
        {
            totals.MerchantShippedOrders++;
            totals.AddLate($"order:{order.Id}");
        }
    }

    private void AddRestatements(Order order, ReviewMonth month, decimal rate, List<PricedOrderLine> lines)
    {
        if (month >= window.Month || month < window.Month.AddMonths(-ReviewWindow.RestatementMonths))
        {
            return;
        }

        // What the closed month would have counted as refunds had it arrived in time (RefundMoney: the lines' refunds and
        // money given back on no line, tax excluded; shipping is outside revenue, so outside refunds too).
        foreach (var refund in order.Refunds.Where(r => window.MonthOf(r.RefundedAt) == window.Month && RefundMoney.Of(r) != 0m))
        {
            _restatements.Add(new Restatement(order.Id, month, "refund", -RefundMoney.Of(refund) * rate, refund.RefundedAt, $"order:{order.Id}:refund:{refund.Id}"));
        }

        // Settlement fees recorded this month on an earlier month's order, as late refunds are.
        var lateFees = order.Fees.Where(f => f.RecordedAt is { } recorded && window.MonthOf(recorded) == window.Month).ToList();
        foreach (var fee in lateFees)
        {
            _restatements.Add(new Restatement(order.Id, month, "fee", -fee.Amount * rate, fee.RecordedAt!.Value, $"order:{order.Id}:fee:{fee.SourceId ?? fee.Kind}"));
        }

        // A sold line without charges when last month closed was counted at its scheduled fees (an estimate); once its
        // charges are known the estimate is given back, so the closed month and its restatements count the fee once.
        if (lateFees.Count > 0)
        {
            // Likewise the imported fees an order closed on that this month's settlement fees now cover (ChargedFees): only
            // those, so a line the settlement has not covered yet keeps its imported fee.
            var countedNow = ChargedFees.Counted(order, window.Until).ToHashSet(ReferenceEqualityComparer.Instance);
            var covered = ChargedFees.Counted(order, window.Month.StartIn(window.TimeZone))
                .Where(f => !ChargedFees.IsSettled(f) && !countedNow.Contains(f))
                .ToList();
            if (covered.Count > 0)
            {
                _restatements.Add(new Restatement(
                    order.Id, month, "fee-imported", covered.Sum(f => f.Amount) * rate, lateFees.Min(f => f.RecordedAt!.Value), $"order:{order.Id}:fee-imported"));
            }

            var before = ShareChargedFees(order, lines, rate, window.Month.StartIn(window.TimeZone));
            var after = ShareChargedFees(order, lines, rate, window.Until);
            // The lines were priced with the schedule as the closed month knew it (FeesOfAsync): the estimate it counted.
            var estimate = Enumerable.Range(0, lines.Count)
                .Where(i => lines[i].Sold > 0 && lines[i].Net is not null && before?[i] is null && after?[i] is not null)
                .Sum(i => lines[i].ScheduledFees) * rate;
            if (estimate != 0m)
            {
                _restatements.Add(new Restatement(order.Id, month, "fee-estimate", estimate, lateFees.Min(f => f.RecordedAt!.Value), $"order:{order.Id}:fee-estimate"));
            }
        }
    }

    private void AddDay(PricedOrderLine line, DateOnly day, decimal revenue, decimal cogs, decimal scheduled)
    {
        if (!_lastSold.TryGetValue(line.Sku, out var last) || day > last)
        {
            _lastSold[line.Sku] = day;
        }

        if (day < window.VelocityFrom || day > window.LastDay)
        {
            return;
        }

        var known = line.UnitCostBase is not null;
        var current = _days.GetValueOrDefault((line.Sku, day)) ?? new SkuDaySales(line.Sku, day, 0, 0m, 0m, 0, 0m, 0m);
        _days[(line.Sku, day)] = current with
        {
            Units = current.Units + line.Sold,
            Revenue = current.Revenue + revenue,
            Cogs = current.Cogs + cogs,
            UnitsWithCost = current.UnitsWithCost + (known ? line.Sold : 0),
            RevenueWithCost = current.RevenueWithCost + (known ? revenue : 0m),
            FeesWithCost = current.FeesWithCost + (known ? scheduled : 0m),
        };
    }

    private sealed class PricedOrderLine(OrderLine line, ReviewListing? listing, string sku, int sold, decimal? unitCostBase, decimal? unitCostInOrderCurrency, decimal? mapInOrderCurrency)
    {
        public OrderLine Line => line;

        public ReviewListing? Listing => listing;

        public string Sku => sku;

        public int Sold => sold;

        public decimal? UnitCostBase => unitCostBase;

        public decimal? UnitCostInOrderCurrency => unitCostInOrderCurrency;

        public decimal? MapInOrderCurrency => mapInOrderCurrency;

        public decimal DiscountShare { get; set; }

        public decimal? TaxShare { get; set; }

        /// <summary>Sold × unit price − discount share, order currency; null when the price or discount is withheld.</summary>
        public decimal? Net { get; set; }

        public decimal ScheduledFees { get; set; }

        public decimal? BelowFloorBy { get; set; }
    }
}
