using Microsoft.Extensions.Logging.Abstractions;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Import;

/// <summary>
/// A history refund's restocking fee (<c>keptBack</c>) and its shipping's tax (<c>shippingTax</c>) imported into the order
/// truth and counted by the review as a channel's own refund is: pnl-lines.csv's <c>refunds</c> and <c>refunds_kept_back</c>.
/// </summary>
[Collection(SharedCosmosEmulator.Name)]
public sealed class OrderHistoryRefundMoneyTests(CosmosServerFixture cosmos) : ReviewImportTestBase(cosmos)
{
    private const string CsvHeader =
        "channel,channelAccountId,externalOrderId,currency,createdAt,lineId,channelSku,quantity,unitPrice,tax,refundId,refundTime,refundQuantity,refundAmount,refundTax,refundReturned,refundShipping,refundShippingTax,refundKeptBack\n";

    // A 60.00 line (4.80 tax) returned and refunded 58.80: 6.00 restocking fee kept back.
    private const string KeptBackJson =
        "{\"channel\":\"shopify\",\"channelAccountId\":\"acme.myshopify.com\",\"externalOrderId\":\"8001\",\"currency\":\"USD\",\"createdAt\":\"2025-11-03T14:05:00Z\",\"lines\":[{\"lineId\":\"1\",\"channelSku\":\"JACKET\",\"quantity\":1,\"unitPrice\":60.00,\"tax\":4.80}],\"refunds\":[{\"id\":\"R-1\",\"time\":\"2025-11-12T10:00:00Z\",\"amount\":58.80,\"tax\":4.80,\"keptBack\":6.00,\"lines\":[{\"lineId\":\"1\",\"quantity\":1,\"amount\":60.00,\"tax\":4.80,\"returned\":true}]}]}\n";

    // A 20.00 line (1.60 tax) refunded with its 5.40 shipping (0.40 of it tax) and a 3.00 goodwill credit.
    private const string ShippingTaxJson =
        "{\"channel\":\"shopify\",\"channelAccountId\":\"acme.myshopify.com\",\"externalOrderId\":\"8002\",\"currency\":\"USD\",\"createdAt\":\"2025-11-04T14:05:00Z\",\"lines\":[{\"lineId\":\"1\",\"channelSku\":\"CAP\",\"quantity\":1,\"unitPrice\":20.00,\"tax\":1.60}],\"refunds\":[{\"id\":\"R-2\",\"time\":\"2025-11-12T10:00:00Z\",\"amount\":30.00,\"tax\":2.00,\"shipping\":5.40,\"shippingTax\":0.40,\"lines\":[{\"lineId\":\"1\",\"quantity\":1,\"amount\":20.00,\"tax\":1.60}]}]}\n";

    private static readonly ReviewMonth November = new(2025, 11);

    [Fact]
    public async Task JsonLines_RefundWithRestockingFeeAndShippingTax_IsImported_AndCountedAsTheReviewCountsAChannelsRefund()
    {
        await ImportOkAsync(ImportKind.Orders, ImportFormat.JsonLines, KeptBackJson + ShippingTaxJson);

        var restocked = Assert.Single((await OrderAsync("shopify:8001")).Refunds);
        Assert.Equal((58.80m, 4.80m), (restocked.Amount, restocked.Tax));
        var shipped = Assert.Single((await OrderAsync("shopify:8002")).Refunds);
        Assert.Equal((5.40m, 0.40m), (shipped.Shipping, shipped.ShippingTax));

        var pnl = await PnlLinesAsync();
        Assert.Equal(("54", "6"), (pnl["shopify:8001"].Refunds, pnl["shopify:8001"].KeptBack));
        // The shipping's own tax stated, the 3.00 credit is the brand's money given back beside the line's 20.00.
        Assert.Equal(("23", "0"), (pnl["shopify:8002"].Refunds, pnl["shopify:8002"].KeptBack));
    }

    [Fact]
    public async Task Csv_RefundWithRestockingFeeAndShippingTax_IsImportedAsTheJsonLinesFileIs()
    {
        var csv = CsvHeader
            + "shopify,acme.myshopify.com,8001,USD,2025-11-03T14:05:00Z,1,JACKET,1,60.00,4.80,R-1,2025-11-12T10:00:00Z,1,60.00,4.80,true,,,6.00\n"
            + "shopify,acme.myshopify.com,8002,USD,2025-11-04T14:05:00Z,1,CAP,1,20.00,1.60,R-2,2025-11-12T10:00:00Z,1,20.00,1.60,false,5.40,0.40,\n";

        await ImportOkAsync(ImportKind.Orders, ImportFormat.Csv, csv);

        var restocked = Assert.Single((await OrderAsync("shopify:8001")).Refunds);
        Assert.Equal((58.80m, 4.80m), (restocked.Amount, restocked.Tax));
        var shipped = Assert.Single((await OrderAsync("shopify:8002")).Refunds);
        Assert.Equal((27.00m, 2.00m, 5.40m, 0.40m), (shipped.Amount, shipped.Tax, shipped.Shipping, shipped.ShippingTax));
        var pnl = await PnlLinesAsync();
        Assert.Equal(("54", "6"), (pnl["shopify:8001"].Refunds, pnl["shopify:8001"].KeptBack));
        Assert.Equal(("20", "0"), (pnl["shopify:8002"].Refunds, pnl["shopify:8002"].KeptBack));
    }

    [Fact]
    public async Task KeptBackTheFiguresDoNotBearOut_OrShippingTaxAboveShipping_AreRejectedNamingLineAndColumn_AndNothingIsWritten()
    {
        var json = KeptBackJson.Replace("\"keptBack\":6.00", "\"keptBack\":5.00", StringComparison.Ordinal)
            + ShippingTaxJson.Replace("\"shippingTax\":0.40", "\"shippingTax\":5.50", StringComparison.Ordinal);
        var rejected = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync(ImportKind.Orders, ImportFormat.JsonLines, json));
        Assert.Equal([(1, "$.refunds[0].keptBack"), (2, "$.refunds[0].shippingTax")], rejected.Errors.Select(e => (e.Line, e.Column)));
        Assert.Contains("leave 6.00 kept back", rejected.Errors[0].Message, StringComparison.Ordinal);

        var csv = CsvHeader
            + "shopify,acme.myshopify.com,8001,USD,2025-11-03T14:05:00Z,1,JACKET,1,60.00,4.80,R-1,2025-11-12T10:00:00Z,1,60.00,4.80,true,,,61.00\n";
        rejected = Assert.IsType<ImportOutcome.Rejected>(await ImportAsync(ImportKind.Orders, ImportFormat.Csv, csv));
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((2, "refundKeptBack (column 19)"), (error.Line, error.Column));
        Assert.Empty(await WrittenDocumentsAsync());
    }

    /// <summary>November's pnl-lines.csv rows by order, as the monthly review writes them from the order truth.</summary>
    private async Task<Dictionary<string, (string Refunds, string KeptBack)>> PnlLinesAsync()
    {
        var brand = Registry.Current.Brands[Brand];
        using var writer = new StringWriter();
        var catalog = new CatalogStoreReviewCatalog(new CatalogStore(Containers, Options, NullLogger<CatalogStore>.Instance));
        await new ReviewFactsBuilder(Orders, ReviewData, catalog)
            .BuildChannelAsync(brand, new ReviewWindow(Brand, November, TimeZoneInfo.Utc), SalesChannel.Shopify, writer, Token);
        var header = PnlLinesCsv.Header.Split(',');
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(','))
            .ToDictionary(c => c[0], c => (c[Array.IndexOf(header, "refunds")], c[Array.IndexOf(header, "refunds_kept_back")]));
    }
}
