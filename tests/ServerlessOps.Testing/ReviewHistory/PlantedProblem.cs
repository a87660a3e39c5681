namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>
/// A problem the generator plants in the reviewed month, of one of the audit's kinds: the review's top findings must be
/// these. <see cref="FindingType"/> is the audit's type name; <see cref="Sku"/> and <see cref="Channel"/> name the subject.
/// </summary>
public sealed record PlantedProblem(string FindingType, HistoryChannel? Channel, string? Sku, string What)
{
    public static IReadOnlyList<PlantedProblem> All { get; } =
    [
        new("DeadStock", null, HistoryCatalog.DeadStock, "600 lanterns on hand, none sold for five months"),
        new("AdBelowBreakeven", HistoryChannel.Amazon, HistoryCatalog.AdBlanket, "campaign amz-sp-blanket-auto returns 1.1x against a breakeven near 2.5x"),
        new("FeesAboveSchedule", HistoryChannel.Walmart, null, "Walmart charged 20 % referral in the month against a 15 % schedule"),
        new("LateShipmentsRising", HistoryChannel.Walmart, null, "a third of Walmart's merchant orders shipped late against a 2 % baseline"),
        new("UnmappedSkuSales", HistoryChannel.TikTokShop, HistoryCatalog.UnmappedTikTokSku, "a gift set sold on TikTok Shop under a SKU no catalog item lists"),
        new("StockOuts", null, HistoryCatalog.TopSeller, "the top seller out of stock for ten days"),
        new("PriceBelowFloor", HistoryChannel.Shopify, HistoryCatalog.PromoMug, "a 40 % promotion on the mug on Shopify, under its margin floor"),
        new("RefundSpike", null, HistoryCatalog.SpikeJacket, "a third of the jackets refunded against a 3 % baseline"),
    ];
}
