using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Catalog;

[Collection(SharedCosmosEmulator.Name)]
public sealed class CosmosCatalogReaderTests(CosmosServerFixture cosmos) : CatalogTestBase(cosmos)
{
    private static readonly DateTimeOffset March = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset August = new(2026, 8, 15, 12, 0, 0, TimeSpan.Zero);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportOkAsync("brand-a", ImportKind.Catalog, ImportFormat.Csv, CatalogFiles.CatalogCsv);
        await ImportOkAsync("brand-a", ImportKind.Costs, ImportFormat.Csv, CatalogFiles.CostsCsv);
        await ImportOkAsync("brand-a", ImportKind.Fees, ImportFormat.JsonLines, CatalogFiles.FeesJsonLines);
    }

    [Fact]
    public async Task Resolve_ChannelSkus_MapToCatalogSkusWithLocationMapAndCostThen()
    {
        var resolution = await Reader.ResolveAsync("brand-a", SalesChannel.Amazon, ["TEE-BLK-M", "TEE-BLK-M-FBA"], March, Token);

        Assert.Empty(resolution.Unmapped);
        Assert.Equal(new CatalogLine("TEE-BLK-M", "main", false, "Apparel", "USD", 19.99m, 6.40m), resolution.Lines["TEE-BLK-M"]);
        Assert.Equal(new CatalogLine("TEE-BLK-M", "amazon-fba:ATVPDKIKX0DER", true, "Apparel", "USD", 19.99m, 6.40m), resolution.Lines["TEE-BLK-M-FBA"]);
    }

    [Fact]
    public async Task Resolve_LaterInstant_PicksTheCostAndFeesEffectiveThen()
    {
        var march = await Reader.ResolveAsync("brand-a", SalesChannel.Amazon, ["TEE-BLK-M"], March, Token);
        var august = await Reader.ResolveAsync("brand-a", SalesChannel.Amazon, ["TEE-BLK-M"], August, Token);

        Assert.Equal(7.10m, august.Lines["TEE-BLK-M"].UnitCost);
        Assert.Equal([("referral", (string?)null, 15m), ("referral", "Apparel", 17m)], march.Fees.Select(f => (f.FeeType, f.Category, f.Percent)));
        Assert.Equal([("referral", (string?)null, 12m), ("referral", "Apparel", 17m)], august.Fees.Select(f => (f.FeeType, f.Category, f.Percent)));
        Assert.All(august.Fees, f => Assert.Equal(SalesChannel.Amazon, f.Channel));
    }

    [Fact]
    public async Task Resolve_CostPeriodEnded_ReportsTheCostAsUnknown()
    {
        var resolution = await Reader.ResolveAsync("brand-a", SalesChannel.Shopify, ["MUG-01"], August, Token);

        Assert.Null(resolution.Lines["MUG-01"].UnitCost);
        Assert.Empty(resolution.Fees);
    }

    [Fact]
    public async Task Resolve_UnknownSkuOrSkuOfAnotherChannel_IsReportedUnmappedNotThrown()
    {
        var resolution = await Reader.ResolveAsync("brand-a", SalesChannel.Walmart, ["WM-TEE-M", "TEE-BLK-M", "NOPE", "NOPE"], March, Token);

        Assert.Equal(["WM-TEE-M"], resolution.Lines.Keys);
        Assert.Equal(["TEE-BLK-M", "NOPE"], resolution.Unmapped);
    }

    [Fact]
    public async Task Resolve_AnotherBrand_SeesNoneOfThisBrandsCatalog()
    {
        var resolution = await Reader.ResolveAsync("brand-b", SalesChannel.Amazon, ["TEE-BLK-M", "TEE-BLK-M-FBA"], March, Token);

        Assert.Empty(resolution.Lines);
        Assert.Equal(["TEE-BLK-M", "TEE-BLK-M-FBA"], resolution.Unmapped);
        Assert.Empty(resolution.Fees);
        Assert.Null(await Store.GetItemAsync("brand-b", "TEE-BLK-M", Token));
        Assert.Empty(await BrandDocumentsAsync("brand-b"));
    }
}
