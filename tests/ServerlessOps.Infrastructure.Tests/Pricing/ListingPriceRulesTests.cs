using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Pricing;
using ServerlessOps.Infrastructure.Tests.Catalog;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Pricing;

/// <summary>
/// The inputs of a listing price check (observed prices, drift read-backs, the price-set route) read from the stored
/// catalog on the Cosmos server: the cost and fees in effect at the instant, the brand's margin floor.
/// </summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class ListingPriceRulesTests(CosmosServerFixture cosmos) : CatalogTestBase(cosmos)
{
    private const string Brand = "brand-price-rules";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Check_FeeScheduleRenewedFromALaterDate_ChargesOnlyTheRuleInEffect()
    {
        // The import keeps the superseded rule open-ended: the renewed one from ten days ago replaces it (EffectivePeriods).
        var item = await PutItemAsync("RULES-1", "USD", map: null, cost: 10m);
        await Store.MergeFeesAsync(Brand, SalesChannel.Amazon, [Referral(40m, Now.AddDays(-60)), Referral(15m, Now.AddDays(-10))], Token);

        var check = await Rules().CheckAsync(item, SalesChannel.Amazon, 20m, Now, Token);

        // 15 % of 20.00 = 3.00 in fees; 20.00 − 10.00 − 3.00 = 7.00: no breach (both rules together would be −1.00).
        Assert.Equal((3.00m, 7.00m, false), (check.Verdict.Fees, check.Verdict.Contribution, check.Verdict.ContributionNegative));
    }

    [Fact]
    public async Task Check_UnitCostInAnotherCurrencyThanTheItems_IsUnknownNotMixedIntoTheFloor()
    {
        // The costs were imported while the item was priced in USD; it is priced in EUR since (the order path's rule too).
        var item = await PutItemAsync("RULES-2", "EUR", map: 15m, cost: 17m);

        var check = await Rules().CheckAsync(item, SalesChannel.Amazon, 18m, Now, Token);

        // Floor from the EUR MAP alone (15.00), not max(MAP, 17 USD / 0.85 = 20.00 "EUR").
        Assert.Equal((null, 15.00m, false), (check.UnitCost, check.Verdict.Floor, check.Verdict.IsBreach));
    }

    private ListingPriceRules Rules() => new(Store, new NoBrands());

    private async Task<CatalogItem> PutItemAsync(string sku, string currency, decimal? map, decimal cost)
    {
        var item = new CatalogItem(Brand, sku, $"Item {sku}", null, CatalogItemStatus.Active, currency, 25m, map, [new ChannelListing(SalesChannel.Amazon, $"AMZ-{sku}", "main")]);
        await Store.PutItemAsync(item, "test", Token);
        await Store.MergeCostsAsync(Brand, sku, [new UnitCost(sku, cost, "USD", Now.AddDays(-60), null)], Token);
        return item;
    }

    private static FeeRule Referral(decimal percent, DateTimeOffset from) =>
        new(SalesChannel.Amazon, "referral", null, FeeScope.PerLine, FeeBasis.Net, percent, 0m, 0m, "USD", from, null);

    private sealed class NoBrands : IBrandDirectorySource
    {
        public BrandDirectory Current => BrandDirectory.Empty;
    }
}
