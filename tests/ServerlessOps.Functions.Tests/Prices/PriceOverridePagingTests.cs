using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Pricing;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// GET /api/brands/{brandId}/price-overrides answers in pages (?limit=, ?after=, Link rel="next") inside its wrapper, with
/// the sku filter carried in the Link, because the audit keeps every override ever pushed and the list read them all.
/// </summary>
public sealed class PriceOverridePagingTests(FunctionAppFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PriceOverrides_MoreThanAPage_LinkChainListsEachOnceNewestFirstTiesBySku()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await SeedAsync(app, ("SKU-A", 0), ("SKU-B", 0), ("SKU-A", 1), ("SKU-C", 1), ("SKU-B", 1), ("SKU-A", 2), ("SKU-A", 3));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/price-overrides?limit=2", "overrides");

        Assert.Equal([2, 2, 2, 1], pages.Select(p => p.Items.Length));
        Assert.Equal(
            ["SKU-A@3", "SKU-A@2", "SKU-C@1", "SKU-B@1", "SKU-A@1", "SKU-B@0", "SKU-A@0"],
            pages.SelectMany(p => p.Items).Select(Label));
        Assert.Null(pages[^1].Next);
    }

    [Fact]
    public async Task PriceOverrides_OneSkuOverMoreThanAPage_LinkKeepsTheSkuFilter()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        await SeedAsync(app, ("SKU-A", 0), ("SKU-B", 0), ("SKU-A", 1), ("SKU-B", 1), ("SKU-A", 2), ("SKU-A", 3));

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/price-overrides?sku=SKU-A&limit=2", "overrides");

        Assert.Equal(["SKU-A@3", "SKU-A@2", "SKU-A@1", "SKU-A@0"], pages.SelectMany(p => p.Items).Select(Label));
        Assert.Contains("sku=SKU-A", pages[0].Next, StringComparison.Ordinal);
        Assert.Equal(2, pages.Count);
        Assert.Null(pages[^1].Next);
    }

    private static string Label(System.Text.Json.JsonElement item) => $"{item.Str("sku")}@{(item.Time("at") - Noon).TotalMinutes}";

    private static async Task SeedAsync(TestApp app, params (string Sku, int Minutes)[] overrides)
    {
        var store = app.Services.GetRequiredService<PriceOverrideStore>();
        foreach (var (sku, minutes) in overrides)
        {
            var at = Noon.AddMinutes(minutes);
            await store.RecordAsync(
                new PriceOverrideDocument
                {
                    Id = PriceOverrideDocument.IdFor(at, sku),
                    Pk = PriceOverrideDocument.PartitionKeyFor("acme"),
                    BrandId = "acme",
                    Sku = sku,
                    Price = 18.50m,
                    Currency = "USD",
                    Channels = [new PriceOverrideChannel("Shopify", 20.00m, "below-floor", null)],
                    Reason = "clearance",
                    By = "pricing@acme.example",
                    At = at,
                },
                [SalesChannel.Shopify],
                Token);
        }
    }
}
