using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Pnl;
using ServerlessOps.Domain.Settlements;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Infrastructure.Tests.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Review.Import;
using ServerlessOps.Testing.Emulators;
using static ServerlessOps.Infrastructure.Tests.Settlements.SettlementFacts;

namespace ServerlessOps.Infrastructure.Tests.Settlements;

/// <summary>
/// A fee schedule corrected after a month closed, through the fee import into the catalog container: the closed month's
/// fee estimate is given back, when its settlement arrives, as that month's report counted it, not re-priced with the
/// correction (a closed month moves only by facts that arrived later, each traced).
/// </summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class FeeScheduleCorrectionTests(CosmosServerFixture cosmos) : ReviewImportTestBase(cosmos)
{
    private const string FeeHeader = "channel,feeType,category,scope,basis,percent,fixedPerUnit,fixedPerOrder,currency,effectiveFrom,effectiveTo\n";

    private static readonly ReviewMonth October = new(2026, 10);
    private static readonly ReviewMonth November = new(2026, 11);

    [Theory]
    [InlineData("2026-10-01")]
    [InlineData("2026-01-01")]
    public async Task CorrectionStartingInAClosedMonth_LeavesTheFeeEstimateGivenBackAsTheClosedReportCountedIt(string correctionFrom)
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var order = fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        await ImportOkAsync(ImportKind.Fees, ImportFormat.Csv, FeeHeader + "shopify,transaction,,perLine,net,10,0,0,USD,2026-01-01,\n");
        var october = await BuildAsync(fakes, Window(October));
        var octoberReportedAt = DateTimeOffset.UtcNow;

        // In November the brand finds its October rate was 8 %, not 10 %, and imports the correction; then October's
        // settlement arrives charging 6.
        await WaitPastAsync(octoberReportedAt);
        await ImportOkAsync(ImportKind.Fees, ImportFormat.Csv, FeeHeader + $"shopify,transaction,,perLine,net,8,0,0,USD,{correctionFrom},\n");
        var late = Fee("october", "t2", -6m, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(order, [late], late.PostedAt).Order;
        var november = await BuildAsync(fakes, Window(November) with { ClosedAt = new Dictionary<ReviewMonth, DateTimeOffset> { [October] = octoberReportedAt } });

        var closed = Assert.Single(ProfitAndLoss.For(october.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal((5m, true), (closed.Fees, closed.FeesEstimated));
        Assert.Equal(closed.Fees, Assert.Single(november.Restatements, r => r.Kind == "fee-estimate").Amount);
        Assert.Equal(-6m, -closed.Fees + november.Restatements.Where(r => r.OriginalMonth == October).Sum(r => r.Amount));
    }

    [Fact]
    public async Task ClosedMonthRunAgainAfterACorrection_CountsTheFeeEstimateItsReportCountedAndItsRestatementGivesBack()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        var order = fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        await ImportOkAsync(ImportKind.Fees, ImportFormat.Csv, FeeHeader + "shopify,transaction,,perLine,net,10,0,0,USD,2026-01-01,\n");
        var october = await BuildAsync(fakes, Window(October));
        var closedAt = new Dictionary<ReviewMonth, DateTimeOffset> { [October] = DateTimeOffset.UtcNow };

        // In November the brand imports a corrected October rate and finance runs October's review again; then October's
        // settlement arrives and November's review gives October's estimate back.
        await WaitPastAsync(closedAt[October]);
        await ImportOkAsync(ImportKind.Fees, ImportFormat.Csv, FeeHeader + "shopify,transaction,,perLine,net,8,0,0,USD,2026-10-01,\n");
        var octoberAgain = await BuildAsync(fakes, Window(October) with { ClosedAt = closedAt });
        var late = Fee("october", "t2", -6m, new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));
        fakes.Orders[0] = SettlementFees.Apply(order, [late], late.PostedAt).Order;
        var november = await BuildAsync(fakes, Window(November) with { ClosedAt = closedAt });

        var first = Assert.Single(ProfitAndLoss.For(october.Facts), l => l.Channel == SalesChannel.Shopify);
        var again = Assert.Single(ProfitAndLoss.For(octoberAgain.Facts), l => l.Channel == SalesChannel.Shopify);
        Assert.Equal((5m, true), (first.Fees, first.FeesEstimated));
        Assert.Equal(first, again);
        Assert.Equal(again.Fees, Assert.Single(november.Restatements, r => r.Kind == "fee-estimate").Amount);
    }

    [Fact]
    public async Task ClosedMonthAsABaseline_CountsTheFeesItsReportCountedAfterACorrection()
    {
        var fakes = new ReviewFactsFakes().Map("TEE", 4m);
        fakes.Add("october", new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        fakes.Add("november", new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), new OrderLine("L1", "TEE", null, 1, 50m, 0m, 0m));
        await ImportOkAsync(ImportKind.Fees, ImportFormat.Csv, FeeHeader + "shopify,transaction,,perLine,net,10,0,0,USD,2026-01-01,\n");
        var october = await BuildAsync(fakes, Window(October));
        var closedAt = new Dictionary<ReviewMonth, DateTimeOffset> { [October] = DateTimeOffset.UtcNow };

        await WaitPastAsync(closedAt[October]);
        await ImportOkAsync(ImportKind.Fees, ImportFormat.Csv, FeeHeader + "shopify,transaction,,perLine,net,8,0,0,USD,2026-10-01,\n");
        var november = await BuildAsync(fakes, Window(November) with { ClosedAt = closedAt });

        // October as November's baseline is the October its report showed; November itself is priced with the correction.
        var reported = Assert.Single(ProfitAndLoss.For(october.Facts), l => l.Channel == SalesChannel.Shopify).Fees;
        Assert.Equal((5m, 5m), (reported, november.Facts.Sales.Where(s => s.Month == October).Sum(s => s.Fees())));
        Assert.Equal(4m, november.Facts.Sales.Where(s => s.Month == November).Sum(s => s.Fees()));
    }

    /// <summary>The import stamps rows with the wall clock; make sure the correction is stamped strictly after the close.</summary>
    private static async Task WaitPastAsync(DateTimeOffset instant)
    {
        while (DateTimeOffset.UtcNow <= instant)
        {
            await Task.Yield();
        }
    }

    private static ReviewWindow Window(ReviewMonth month) => new(Brand, month, TimeZoneInfo.Utc);

    private Task<BuiltReviewFacts> BuildAsync(ReviewFactsFakes fakes, ReviewWindow window) =>
        new ReviewFactsBuilder(fakes, fakes, new FakeListingsStoredFees(fakes, new CatalogStore(Containers, Options, NullLogger<CatalogStore>.Instance)))
            .BuildAsync(Registry.Current.Brands[Brand], window, null, Token);

    /// <summary>Listings and costs as the test states them; the fee schedule as the fee import stored it.</summary>
    private sealed class FakeListingsStoredFees(ReviewFactsFakes fakes, CatalogStore store) : IReviewCatalog
    {
        private readonly CatalogStoreReviewCatalog _stored = new(store);

        public Task<ReviewListing?> GetListingAsync(string brandId, SalesChannel channel, string channelSku, CancellationToken cancellationToken) =>
            fakes.GetListingAsync(brandId, channel, channelSku, cancellationToken);

        public Task<IReadOnlyList<UnitCost>> GetCostsAsync(string brandId, string sku, CancellationToken cancellationToken) =>
            fakes.GetCostsAsync(brandId, sku, cancellationToken);

        public Task<FeeScheduleHistory> GetFeeScheduleAsync(string brandId, SalesChannel channel, CancellationToken cancellationToken) =>
            _stored.GetFeeScheduleAsync(brandId, channel, cancellationToken);
    }
}
