using System.Globalization;

namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>
/// Generates a brand's multi-channel history day by day, deterministically from a seed, streaming (a million order
/// lines never sit in memory): seasonality (a November-December peak, a January dip), 2 % growth a month, weekends
/// busier, Shopify promotions, returns and refunds, an Amazon fee change half-way, stock that sells down and is
/// restocked, and the <see cref="PlantedProblem.All"/> problems in the reviewed month (and the months a rule looks back on).
/// </summary>
public sealed class HistoryGenerator
{
    public const string ShopifyAccount = "northwind.myshopify.com";
    public const string AmazonAccount = "A2NWSELLER0001";
    public const string WalmartAccount = "10001234567";
    public const string TikTokAccount = "7494000000000000001";
    public const string Location = "main";
    public const decimal TaxRate = 0.08m;

    private static readonly (HistoryChannel Channel, int Share)[] ChannelShares =
        [(HistoryChannel.Shopify, 35), (HistoryChannel.Amazon, 35), (HistoryChannel.Walmart, 15), (HistoryChannel.TikTokShop, 15)];

    private readonly HistoryOptions _options;
    private readonly TimeZoneInfo _zone;
    private readonly Random _random;
    private readonly Dictionary<string, int> _onHand = new(StringComparer.Ordinal);
    private long _sequence;

    public HistoryGenerator(HistoryOptions options)
    {
        _options = options;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        _random = new Random(options.Seed);
        foreach (var product in HistoryCatalog.Products)
        {
            _onHand[product.Sku] = product.Sku == HistoryCatalog.DeadStock ? 640 : RestockLevel(product);
        }
    }

    /// <summary>Amazon's referral rate before and after its fee change half-way through the history (percent of net).</summary>
    public static decimal AmazonReferralPercent(DateOnly day, HistoryOptions options) => day < options.ReviewFirstDay.AddMonths(-6) ? 15m : 17m;

    /// <summary>The fee Walmart charges in percent of net: its 15 % schedule, except the planted overcharge in the reviewed month.</summary>
    public static decimal WalmartChargedPercent(DateOnly day, HistoryOptions options) => day >= options.ReviewFirstDay ? 20m : 15m;

    public IEnumerable<HistoryDay> Days()
    {
        for (var day = _options.FirstDay; day < _options.EndDay; day = day.AddDays(1))
        {
            var orders = new List<HistoryOrder>();
            var count = OrdersOn(day);
            for (var i = 0; i < count; i++)
            {
                if (NextOrder(day) is { } order)
                {
                    orders.Add(order);
                }
            }

            if (IsReviewMonth(day) && day.Day % 2 == 0)
            {
                orders.Add(UnmappedGiftSet(day));
            }

            yield return new HistoryDay(day, orders, EndOfDayStock(day), AdSpend(day));
        }
    }

    public static IEnumerable<HistoryTarget> Targets(HistoryOptions options, IReadOnlyDictionary<(int, int, HistoryChannel), decimal> revenueByMonth)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(revenueByMonth);

        // Targets for the last three months: last year's same month grown 20 %, else the month before grown 5 %.
        for (var month = options.ReviewFirstDay.AddMonths(-2); month <= options.ReviewFirstDay; month = month.AddMonths(1))
        {
            foreach (var (channel, _) in ChannelShares)
            {
                var basis = revenueByMonth.TryGetValue((month.Year - 1, month.Month, channel), out var lastYear) ? lastYear * 1.20m
                    : revenueByMonth.GetValueOrDefault((month.AddMonths(-1).Year, month.AddMonths(-1).Month, channel)) * 1.05m;
                yield return new HistoryTarget(month.Year, month.Month, channel, decimal.Round(basis / 100m, 0, MidpointRounding.AwayFromZero) * 100m, 30m);
            }
        }
    }

    private bool HasHappened(DateTimeOffset instant) => _options.Now is not { } now || instant <= now;

    private bool IsReviewMonth(DateOnly day) => day >= _options.ReviewFirstDay;

    private int OrdersOn(DateOnly day)
    {
        var monthsIn = ((day.Year - _options.FirstDay.Year) * 12) + day.Month - _options.FirstDay.Month;
        var season = day.Month switch { 11 => 1.35, 12 => 1.55, 1 => 0.8, 2 => 0.85, 7 or 8 => 0.9, _ => 1.0 };
        var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.2 : 1.0;
        var mean = _options.OrdersPerDay * Math.Pow(1.02, monthsIn) * season * weekend;
        return (int)Math.Round(mean * (0.85 + (_random.NextDouble() * 0.3)));
    }

    private HistoryOrder? NextOrder(DateOnly day)
    {
        var channel = PickChannel();
        var placed = LocalInstant(day, 7 + _random.Next(16), _random.Next(60));
        var lineCount = _random.NextDouble() < 0.6 ? 1 : _random.NextDouble() < 0.75 ? 2 : 3;
        var products = new List<HistoryProduct>();
        for (var i = 0; i < lineCount * 3 && products.Count < lineCount; i++)
        {
            var product = PickProduct();
            if (!products.Contains(product) && Sellable(product, day))
            {
                products.Add(product);
            }
        }

        if (products.Count == 0)
        {
            return null;
        }

        var id = NextId(channel);
        var lines = new List<HistoryLine>();
        foreach (var product in products)
        {
            var quantity = Math.Min(_random.NextDouble() < 0.8 ? 1 : 2, _onHand[product.Sku]);
            _onHand[product.Sku] -= quantity;
            var discountRate = DiscountRate(channel, product, day);
            var discount = decimal.Round(quantity * product.Price * discountRate, 2, MidpointRounding.AwayFromZero);
            var tax = decimal.Round(((quantity * product.Price) - discount) * TaxRate, 2, MidpointRounding.AwayFromZero);
            lines.Add(new HistoryLine($"{id}-{lines.Count + 1}", product.ChannelSku(channel), channel == HistoryChannel.Walmart ? null : product.Sku,
                quantity, product.Price, discount, tax));
        }

        return Settle(channel, id, placed, lines, day);
    }

    private HistoryOrder Settle(HistoryChannel channel, string id, DateTimeOffset placed, IReadOnlyList<HistoryLine> lines, DateOnly day)
    {
        var fba = channel == HistoryChannel.Amazon && _random.NextDouble() < 0.4;
        var shipBy = placed.AddDays(2);
        var cancelled = _random.NextDouble() < 0.02;
        if (cancelled)
        {
            return new HistoryOrder(channel, Account(channel), id, placed, placed.AddHours(3), "cancelled", fba, shipBy, null, null, placed.AddHours(3), "USD",
                lines, [], []);
        }

        var lateChance = channel == HistoryChannel.Walmart && IsReviewMonth(day) ? 0.35 : 0.02;
        var shipped = _random.NextDouble() < lateChance ? shipBy.AddHours(6 + _random.Next(40)) : placed.AddHours(4 + _random.Next(36));
        var delivered = shipped.AddDays(2 + _random.Next(4));
        var refunds = Refunds(id, lines, delivered, day);
        refunds.RemoveAll(r => !HasHappened(r.RefundedAt));
        var fees = Fees(channel, lines, day);
        if (!HasHappened(shipped))
        {
            return new HistoryOrder(channel, Account(channel), id, placed, placed.AddMinutes(1), "paid", fba, shipBy, null, null, null, "USD", lines, fees, []);
        }

        if (!HasHappened(delivered))
        {
            return new HistoryOrder(channel, Account(channel), id, placed, shipped, "shipped", fba, shipBy, shipped, null, null, "USD", lines, fees, []);
        }

        var status = refunds.Count > 0 ? "refunded" : "delivered";
        var updated = refunds.Count > 0 ? refunds.Max(r => r.RefundedAt) : delivered;
        return new HistoryOrder(channel, Account(channel), id, placed, updated, status, fba, shipBy, shipped, delivered, null, "USD", lines, fees, refunds);
    }

    private List<HistoryRefund> Refunds(string id, IReadOnlyList<HistoryLine> lines, DateTimeOffset delivered, DateOnly day)
    {
        var refunds = new List<HistoryRefund>();
        foreach (var line in lines)
        {
            var spike = line.SellerSku == HistoryCatalog.SpikeJacket || line.ChannelSku.EndsWith(HistoryCatalog.SpikeJacket, StringComparison.Ordinal);
            var chance = spike && IsReviewMonth(day) ? 0.33 : 0.03;
            if (_random.NextDouble() >= chance)
            {
                continue;
            }

            var net = (line.Quantity * line.UnitPrice) - line.Discount;
            var at = delivered.AddDays(3 + _random.Next(10));
            refunds.Add(new HistoryRefund($"{id}-R{refunds.Count + 1}", at, net + line.Tax, line.Tax, spike && IsReviewMonth(day) ? "leaks at the seams" : "changed mind",
                line.LineId, line.Quantity, Returned: true));
        }

        return refunds;
    }

    private IReadOnlyList<HistoryFee> Fees(HistoryChannel channel, IReadOnlyList<HistoryLine> lines, DateOnly day)
    {
        decimal Net(HistoryLine l) => (l.Quantity * l.UnitPrice) - l.Discount;
        decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
        return channel switch
        {
            HistoryChannel.Shopify => [new HistoryFee("payment processing", Cents((lines.Sum(l => Net(l) + l.Tax) * 0.029m) + 0.30m), null)],
            HistoryChannel.Amazon => [.. lines.Select(l => new HistoryFee("referral", Cents(Net(l) * AmazonReferralPercent(day, _options) / 100m), l.LineId))],
            HistoryChannel.Walmart => [.. lines.Select(l => new HistoryFee("referral", Cents(Net(l) * WalmartChargedPercent(day, _options) / 100m), l.LineId))],
            _ => [.. lines.Select(l => new HistoryFee("referral", Cents(Net(l) * 0.06m), l.LineId))],
        };
    }

    private decimal DiscountRate(HistoryChannel channel, HistoryProduct product, DateOnly day)
    {
        if (channel != HistoryChannel.Shopify)
        {
            return 0m;
        }

        if (product.Sku == HistoryCatalog.PromoMug && IsReviewMonth(day))
        {
            return 0.40m;
        }

        // A site-wide 10 % promotion the first week of every quarter.
        return day.Month % 3 == 1 && day.Day <= 7 ? 0.10m : 0m;
    }

    private bool Sellable(HistoryProduct product, DateOnly day)
    {
        if (product.Sku == HistoryCatalog.DeadStock && day >= _options.ReviewFirstDay.AddMonths(-5))
        {
            return false;
        }

        // The top seller runs out on the 12th of the reviewed month and the restock lands on the 22nd.
        if (product.Sku == HistoryCatalog.TopSeller && IsReviewMonth(day) && day.Day is >= 12 and < 22)
        {
            _onHand[product.Sku] = 0;
            return false;
        }

        return _onHand[product.Sku] > 0;
    }

    private List<HistorySnapshot> EndOfDayStock(DateOnly day)
    {
        var snapshots = new List<HistorySnapshot>();
        foreach (var product in HistoryCatalog.Products)
        {
            var outOfStockWindow = product.Sku == HistoryCatalog.TopSeller && IsReviewMonth(day) && day.Day is >= 12 and < 22;
            if (!outOfStockWindow && product.Sku != HistoryCatalog.DeadStock && _onHand[product.Sku] < RestockLevel(product) / 4)
            {
                _onHand[product.Sku] = RestockLevel(product);
            }

            snapshots.Add(new HistorySnapshot(day, product.Sku, Location, _onHand[product.Sku]));
        }

        return snapshots;
    }

    private IReadOnlyList<HistoryAdSpend> AdSpend(DateOnly day)
    {
        var scale = _options.OrdersPerDay / 12m;
        HistoryAdSpend Campaign(HistoryChannel channel, string name, string? sku, decimal spend, decimal roas, decimal price)
        {
            var jitter = 0.9m + ((decimal)_random.NextDouble() * 0.2m);
            var daySpend = decimal.Round(spend * scale * jitter, 2, MidpointRounding.AwayFromZero);
            var sales = decimal.Round(daySpend * roas, 2, MidpointRounding.AwayFromZero);
            return new HistoryAdSpend(day, channel, name, sku, daySpend, sales, (int)Math.Max(0, Math.Round(sales / price)));
        }

        var blanketRoas = day >= _options.ReviewFirstDay.AddMonths(-2) ? 1.1m : 3.2m;
        return
        [
            Campaign(HistoryChannel.Shopify, "meta-prospecting", null, 40m, 4.0m, 40m),
            Campaign(HistoryChannel.Amazon, "amz-sp-tee", HistoryCatalog.TopSeller, 15m, 5.0m, 28m),
            Campaign(HistoryChannel.Amazon, "amz-sp-blanket-auto", HistoryCatalog.AdBlanket, 70m, blanketRoas, 89m),
            Campaign(HistoryChannel.TikTokShop, "tt-creator-mug", HistoryCatalog.PromoMug, 10m, 3.0m, 16m),
        ];
    }

    private HistoryOrder UnmappedGiftSet(DateOnly day)
    {
        var id = NextId(HistoryChannel.TikTokShop);
        var placed = LocalInstant(day, 12 + _random.Next(8), _random.Next(60));
        var quantity = 2 + _random.Next(4);
        var tax = decimal.Round(quantity * 39m * TaxRate, 2, MidpointRounding.AwayFromZero);
        var line = new HistoryLine($"{id}-1", HistoryCatalog.UnmappedTikTokSku, null, quantity, 39.00m, 0m, tax);
        return Settle(HistoryChannel.TikTokShop, id, placed, [line], day);
    }

    private HistoryChannel PickChannel()
    {
        var pick = _random.Next(100);
        foreach (var (channel, share) in ChannelShares)
        {
            if (pick < share)
            {
                return channel;
            }

            pick -= share;
        }

        return HistoryChannel.Shopify;
    }

    private HistoryProduct PickProduct()
    {
        var total = HistoryCatalog.Products.Sum(p => p.Weight);
        var pick = _random.Next(total);
        foreach (var product in HistoryCatalog.Products)
        {
            if (pick < product.Weight)
            {
                return product;
            }

            pick -= product.Weight;
        }

        return HistoryCatalog.Products[0];
    }

    private int RestockLevel(HistoryProduct product) => Math.Max(40, product.Weight * _options.OrdersPerDay);

    private string NextId(HistoryChannel channel)
    {
        var n = ++_sequence;
        return channel switch
        {
            HistoryChannel.Shopify => (5_100_000_000_000 + n).ToString(CultureInfo.InvariantCulture),
            HistoryChannel.Amazon => string.Create(CultureInfo.InvariantCulture, $"113-{n / 10_000_000 % 10_000_000:0000000}-{n % 10_000_000:0000000}"),
            HistoryChannel.Walmart => (108_000_000_000_000 + n).ToString(CultureInfo.InvariantCulture),
            _ => (576_000_000_000_000_000 + n).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Account(HistoryChannel channel) => channel switch
    {
        HistoryChannel.Shopify => ShopifyAccount,
        HistoryChannel.Amazon => AmazonAccount,
        HistoryChannel.Walmart => WalmartAccount,
        _ => TikTokAccount,
    };

    private DateTimeOffset LocalInstant(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }
}
