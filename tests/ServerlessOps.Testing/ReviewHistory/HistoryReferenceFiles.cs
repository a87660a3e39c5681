using System.Globalization;
using System.Text;

namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>
/// The generated brand's catalog, unit costs and fee schedules as the existing import files (catalog, costs, fees
/// CSV): every channel SKU the history uses is mapped, except the planted unmapped TikTok gift set.
/// </summary>
public static class HistoryReferenceFiles
{
    public static string Catalog()
    {
        var csv = new StringBuilder("sku,title,category,status,currency,listPrice,map,shopifySku,shopifyInventoryItemId,shopifyLocationId,amazonSellerSku,amazonMarketplaceId,walmartSku,walmartShipNode,tiktokSellerSku,tiktokProductId,tiktokSkuId,tiktokWarehouseId\n");
        var n = 0;
        foreach (var p in HistoryCatalog.Products)
        {
            n++;
            csv.Append(CultureInfo.InvariantCulture, $"{p.Sku},\"{p.Title}\",{p.Category},active,USD,{p.Price:0.00},{p.Map?.ToString("0.00", CultureInfo.InvariantCulture)},")
               .Append(CultureInfo.InvariantCulture, $"{p.ChannelSku(HistoryChannel.Shopify)},4900000000{n:00},62000000001,{p.ChannelSku(HistoryChannel.Amazon)},ATVPDKIKX0DER,{p.ChannelSku(HistoryChannel.Walmart)},SN-MAIN,")
               .Append(CultureInfo.InvariantCulture, $"{p.ChannelSku(HistoryChannel.TikTokShop)},17300000000000{n:00},17310000000000{n:00},7200000000000000001\n");
        }

        return csv.ToString();
    }

    /// <summary>One cost per SKU from the history's first day.</summary>
    public static string Costs(HistoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var from = Instant(options.FirstDay.AddDays(-1));
        var csv = new StringBuilder("sku,unitCost,currency,effectiveFrom\n");
        foreach (var p in HistoryCatalog.Products)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.Sku},{p.UnitCost:0.00},USD,{from}\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// What each channel's schedule says: Shopify payments 2.9 % of the total + 0.30 per order; Amazon referral 15 % of
    /// net, 17 % after its fee change; Walmart referral 15 % (the planted month charges 20 %); TikTok Shop 6 %.
    /// </summary>
    public static string Fees(HistoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var from = Instant(options.FirstDay.AddDays(-1));
        var change = options.ReviewFirstDay.AddMonths(-6);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        var local = change.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var changeAt = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return "channel,feeType,scope,basis,percent,fixedPerUnit,fixedPerOrder,currency,effectiveFrom,effectiveTo\n" +
            $"shopify,payment processing,perOrder,total,2.9,0,0.30,USD,{from},\n" +
            $"amazon,referral,perLine,net,15,0,0,USD,{from},{changeAt}\n" +
            $"amazon,referral,perLine,net,17,0,0,USD,{changeAt},\n" +
            $"walmart,referral,perLine,net,15,0,0,USD,{from},\n" +
            $"tiktok,referral,perLine,net,6,0,0,USD,{from},\n";
    }

    internal static string Instant(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
}
