using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;

namespace ServerlessOps.Domain.Tests.Review;

/// <summary>Arbitrary but valid facts from a seed, for properties: three months, a few SKUs on two channels, stock, campaigns and shipping.</summary>
internal static class RandomFacts
{
    private static readonly string[] Skus = ["A", "B", "C", "D"];
    private static readonly SalesChannel[] Channels = [SalesChannel.Amazon, SalesChannel.Walmart];

    public static ReviewFacts From(int seed)
    {
        var random = new Random(seed);
        decimal Money(int max) => random.Next(0, max * 1000) / 1000m;
        var builder = new FactsBuilder();
        foreach (var month in new[] { FactsBuilder.Month.AddMonths(-2), FactsBuilder.Month.AddMonths(-1), FactsBuilder.Month })
        {
            foreach (var channel in Channels)
            {
                foreach (var sku in Skus.Where(_ => random.Next(4) > 0))
                {
                    var units = random.Next(0, 80);
                    var revenue = Money(2000);
                    builder.Sale(
                        sku, channel, month, units, revenue, cogs: Money(1200),
                        feesCharged: random.Next(2) == 0 ? null : Money(300), feesScheduled: Money(300),
                        refunds: Money(200), refundedUnits: random.Next(0, Math.Max(1, units / 4)),
                        mapped: random.Next(6) > 0, unitsWithoutCost: random.Next(8) == 0 ? 1 : 0,
                        unitsBelowFloor: random.Next(3) == 0 ? random.Next(1, 10) : 0, floorShortfall: Money(40));
                }

                var shipped = random.Next(0, 400);
                builder.Shipping(channel, shipped, random.Next(0, (shipped / 5) + 1), month);
                if (random.Next(2) == 0)
                {
                    builder.Campaign($"c-{channel}", Money(500), Money(1500), Skus[random.Next(Skus.Length)], channel, month);
                }
            }
        }

        foreach (var sku in Skus)
        {
            builder.Stock(sku, onHand: random.Next(0, 500), unitCost: random.Next(5) == 0 ? null : Money(40) + 0.01m,
                lastSold: random.Next(3) == 0 ? null : FactsBuilder.Month.FirstDay.AddDays(-random.Next(0, 150)),
                daysOut: random.Next(0, 10), velocity: Money(12), unitContribution: random.Next(4) == 0 ? null : Money(30) - 5m);
        }

        return builder.Build();
    }
}
