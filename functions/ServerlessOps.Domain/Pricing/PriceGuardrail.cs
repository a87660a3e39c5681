using System.Globalization;
using ServerlessOps.Domain.Catalog;

namespace ServerlessOps.Domain.Pricing;

/// <summary>
/// The one pricing rule, for order lines, price changes and the monthly review alike (Pricing/README.md):
/// <list type="bullet">
/// <item>floor = max(MAP, unit cost / (1 − margin floor % / 100)), per unit;</item>
/// <item>unit net = (quantity × unit price − discount) / quantity: after discounts, before tax and before fees;</item>
/// <item>below floor when unit net &lt; floor;</item>
/// <item>separately, contribution = line net − quantity × unit cost − the channel's scheduled fees, negative when below zero.</item>
/// </list>
/// Fees: each <see cref="FeeRule"/> in effect at the time (<see cref="EffectivePeriods.FeesAt"/>: per fee type and category,
/// the row with the latest start, unless it has ended) and for the line's category (or every category) adds
/// percent × basis (the line's net, or its total: net + tax) + fixed per unit × quantity + fixed per order once. A
/// <see cref="FeeScope.PerOrder"/> rule is charged once on the net or total of the lines it covers and shared among them in
/// proportion to their net (the last of them takes the remainder), so the lines' fees add up to the rule's charge. Per fee
/// type, a per-order rule for a category covers the order's lines of that category and the rule for every category covers
/// the others, as per-line rules supersede: an order spanning two categories with rates of their own pays each rate once,
/// on its own lines, and a rule covering none of the lines is not charged. Fee types and categories match ignoring
/// letter case (<see cref="EffectivePeriods.FeeKey"/>): "Referral" and "referral" are one fee.
/// Everything is computed unrounded in <see cref="decimal"/>; rounding happens once, in <see cref="Round"/>, when the
/// verdict is built (cents, midpoint away from zero), and both breaches are decided on the rounded figures.
/// Per fee type, a per-line rule for the line's category replaces the one for every category. Fixed fee amounts in another
/// currency than the line's are not convertible here: they are left out of the figures and named in
/// <see cref="PriceVerdict.FeesLeftOut"/>, so no reader takes them as zero.
/// </summary>
public static class PriceGuardrail
{
    /// <summary>Decimal places of every amount in a verdict.</summary>
    public const int Decimals = 2;

    /// <summary>
    /// The highest margin floor the cost side of the floor is computed at. A brand's policy allows 0 to 100 %
    /// (<see cref="Brands.BrandPolicy.MarginFloorPercent"/>), and cost / (1 − 100 %) has no value, so 100 % is checked just
    /// under it, as the monthly review has always checked it, rather than refusing every price the brand sees.
    /// </summary>
    public const decimal MaxComputedMarginFloorPercent = 99.99m;

    /// <summary>Checks one line alone (a price change: quantity 1, no discount); per-order fees count in full.</summary>
    public static PriceVerdict CheckLine(PricedLine line, decimal marginFloorPercent, IReadOnlyList<FeeRule> fees, string currency, DateTimeOffset at) =>
        CheckOrder([line], marginFloorPercent, fees, currency, at).Lines[0];

    /// <summary>Checks every line of an order; per-order fees are shared among the lines by net.</summary>
    public static OrderPriceVerdict CheckOrder(
        IReadOnlyList<PricedLine> lines, decimal marginFloorPercent, IReadOnlyList<FeeRule> fees, string currency, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(fees);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (marginFloorPercent is < 0m or > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(marginFloorPercent), marginFloorPercent, "A margin floor is 0 to 100 percent.");
        }

        if (lines.Count == 0)
        {
            throw new ArgumentException("An order to check has at least one line.", nameof(lines));
        }

        foreach (var line in lines)
        {
            Validate(line);
        }

        // The catalog's rule of what is in effect: a fee schedule keeps a renewed rule's old row open-ended, and per fee type
        // and category the row with the latest start replaces it, so filtering rows by their own dates would charge both.
        var inEffect = EffectivePeriods.FeesAt(fees, at);
        var lineRules = lines.Select(line => LineRules(inEffect, line.Category).ToList()).ToArray();
        var orderRules = OrderRules(inEffect, lines).ToList();
        var lineFees = lines.Select((line, i) => lineRules[i].Sum(f => Charge(f, Net(line), Total(line), line.Quantity, currency))).ToArray();
        Share(lines, orderRules, currency, lineFees);

        var verdicts = lines.Select((line, i) => Verdict(line, marginFloorPercent, lineFees[i]) with
        {
            FeesLeftOut = [.. lineRules[i].Concat(orderRules.Where(o => o.Lines.Contains(i)).Select(o => o.Rule)).Select(f => LeftOut(f, currency)).OfType<string>()],
        }).ToList();

        // The order's contribution from the unrounded line figures, rounded once (not a sum of rounded shares).
        var contribution = lines.All(l => l.UnitCost is not null)
            ? Round(lines.Select((l, i) => Net(l) - (l.Quantity * l.UnitCost!.Value) - lineFees[i]).Sum())
            : (decimal?)null;
        return new OrderPriceVerdict(verdicts, contribution, verdicts.Sum(v => v.MoneyAtStake));
    }

    /// <summary>
    /// The floor per unit, unrounded: max(MAP, cost / (1 − margin floor)); null when neither is known. A margin floor above
    /// <see cref="MaxComputedMarginFloorPercent"/> is computed at it.
    /// </summary>
    public static decimal? Floor(decimal? minimumAdvertisedPrice, decimal? unitCost, decimal marginFloorPercent)
    {
        var computedAt = Math.Min(marginFloorPercent, MaxComputedMarginFloorPercent);
        decimal? byMargin = unitCost is { } cost ? cost / (1m - (computedAt / 100m)) : null;
        return (minimumAdvertisedPrice, byMargin) switch
        {
            ({ } map, { } margin) => Math.Max(map, margin),
            ({ } map, null) => map,
            (null, { } margin) => margin,
            _ => null,
        };
    }

    /// <summary>
    /// The fees left out (<see cref="PriceVerdict.FeesLeftOut"/>) in one line for a message or an alert's evidence: the first
    /// three, then how many more, so it stays within an alert's limits.
    /// </summary>
    public static string DescribeLeftOut(IReadOnlyCollection<string> leftOut)
    {
        ArgumentNullException.ThrowIfNull(leftOut);
        var shown = string.Join("; ", leftOut.Take(3));
        return leftOut.Count > 3 ? $"{shown}; and {leftOut.Count - 3} more" : shown;
    }

    /// <summary>The one rounding of the rule: cents, midpoint away from zero.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, Decimals, MidpointRounding.AwayFromZero);

    private static PriceVerdict Verdict(PricedLine line, decimal marginFloorPercent, decimal fees)
    {
        var net = Net(line);
        var floor = Floor(line.MinimumAdvertisedPrice, line.UnitCost, marginFloorPercent) is { } f ? Round(f) : (decimal?)null;
        var unitNet = Round(net / line.Quantity);
        var contribution = line.UnitCost is { } cost ? Round(net - (line.Quantity * cost) - fees) : (decimal?)null;
        var belowFloor = floor is { } fl && unitNet < fl;
        var negative = contribution is < 0m;
        var shortfall = belowFloor ? (floor!.Value - unitNet) * line.Quantity : 0m;
        var loss = negative ? -contribution!.Value : 0m;
        return new PriceVerdict(line.Key, floor, unitNet, Round(fees), contribution, belowFloor, negative, Math.Max(shortfall, loss));
    }

    /// <summary>
    /// Charges each per-order fee once on the lines it covers and shares it among them by net; the last of them takes what
    /// the proportions leave.
    /// </summary>
    private static void Share(IReadOnlyList<PricedLine> lines, IEnumerable<(FeeRule Rule, int[] Lines)> orderFees, string currency, decimal[] lineFees)
    {
        foreach (var (rule, covered) in orderFees)
        {
            var nets = covered.Select(i => Net(lines[i])).ToArray();
            var coveredNet = nets.Sum();
            var charge = Charge(rule, coveredNet, covered.Sum(i => Total(lines[i])), covered.Sum(i => lines[i].Quantity), currency);
            var left = charge;
            for (var k = 0; k < covered.Length; k++)
            {
                var share = k == covered.Length - 1 ? left
                    : coveredNet == 0m ? charge / covered.Length
                    : charge * nets[k] / coveredNet;
                lineFees[covered[k]] += share;
                left -= share;
            }
        }
    }

    /// <summary>
    /// The per-order rules charged on the order, each with the indexes of the lines it covers: per fee type, a rule for a
    /// category covers the lines of that category, and the rule for every category the lines no category rule of its type
    /// covers (the supersession of <see cref="LineRules"/>). A rule covering no line is left out.
    /// </summary>
    private static IEnumerable<(FeeRule Rule, int[] Lines)> OrderRules(IReadOnlyList<FeeRule> inEffect, IReadOnlyList<PricedLine> lines)
    {
        var perOrder = inEffect.Where(f => f.Scope == FeeScope.PerOrder).ToList();
        foreach (var rule in perOrder)
        {
            var covered = Enumerable.Range(0, lines.Count)
                .Where(i => rule.Category is not null
                    ? AppliesTo(rule, lines[i].Category)
                    : !perOrder.Any(f => f.Category is not null && string.Equals(f.FeeType, rule.FeeType, StringComparison.OrdinalIgnoreCase) && AppliesTo(f, lines[i].Category)))
                .ToArray();
            if (covered.Length > 0)
            {
                yield return (rule, covered);
            }
        }
    }

    private static decimal Charge(FeeRule rule, decimal net, decimal total, int units, string currency)
    {
        var basis = rule.Basis == FeeBasis.Total ? total : net;
        var fixedAmounts = string.Equals(rule.Currency, currency, StringComparison.OrdinalIgnoreCase)
            ? (rule.FixedPerUnit * units) + rule.FixedPerOrder
            : 0m;
        return (rule.Percent / 100m * basis) + fixedAmounts;
    }

    /// <summary>
    /// The per-line rules charged on a line of <paramref name="category"/>: per fee type, a rule for the category replaces
    /// the one for every category (a fee schedule's category row is that category's rate, not a surcharge on the rest's).
    /// </summary>
    private static IEnumerable<FeeRule> LineRules(IEnumerable<FeeRule> inEffect, string? category) =>
        inEffect
            .Where(f => f.Scope == FeeScope.PerLine && AppliesTo(f, category))
            .GroupBy(f => f.FeeType, StringComparer.OrdinalIgnoreCase)
            .SelectMany(g => g.Any(f => f.Category is not null) ? g.Where(f => f.Category is not null) : g);

    /// <summary>What a rule's fixed amounts in another currency than the line's come to, left out of the fees; null when none is.</summary>
    private static string? LeftOut(FeeRule rule, string currency)
    {
        if (string.Equals(rule.Currency, currency, StringComparison.OrdinalIgnoreCase) || (rule.FixedPerUnit == 0m && rule.FixedPerOrder == 0m))
        {
            return null;
        }

        var parts = new List<string>();
        if (rule.FixedPerUnit != 0m)
        {
            parts.Add($"{rule.FixedPerUnit.ToString("0.00", CultureInfo.InvariantCulture)} {rule.Currency} per unit");
        }

        if (rule.FixedPerOrder != 0m)
        {
            parts.Add($"{rule.FixedPerOrder.ToString("0.00", CultureInfo.InvariantCulture)} {rule.Currency} per order");
        }

        var name = rule.Category is null ? rule.FeeType : $"{rule.FeeType} ({rule.Category})";
        return $"{rule.Channel} {name}: {string.Join(" and ", parts)} left out (not convertible to {currency.ToUpperInvariant()} here)";
    }

    private static bool AppliesTo(FeeRule rule, string? category) =>
        rule.Category is null || string.Equals(rule.Category, category, StringComparison.OrdinalIgnoreCase);

    private static decimal Net(PricedLine line) => (line.Quantity * line.UnitPrice) - line.Discount;

    private static decimal Total(PricedLine line) => Net(line) + (line.Tax ?? 0m);

    private static void Validate(PricedLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Quantity < 1)
        {
            throw new ArgumentException($"Line {line.Key}: quantity {line.Quantity} is below 1.", nameof(line));
        }

        if (line.UnitPrice < 0m || line.Discount < 0m)
        {
            throw new ArgumentException($"Line {line.Key}: unit price {line.UnitPrice} and discount {line.Discount} must be zero or more.", nameof(line));
        }
    }
}
