namespace ServerlessOps.Testing.ReviewHistory;

/// <summary>The generated brand's catalog: outdoor and home goods, costs around 35-45 % of price.</summary>
public static class HistoryCatalog
{
    public const string TopSeller = "NW-TEE-BLK-M";
    public const string DeadStock = "NW-LANTERN-CPR";
    public const string PromoMug = "NW-MUG-ENAMEL";
    public const string SpikeJacket = "NW-JACKET-RAIN";
    public const string AdBlanket = "NW-BLANKET-WOOL";

    /// <summary>A TikTok Shop SKU no catalog item lists: its sales have no cost and no stock control.</summary>
    public const string UnmappedTikTokSku = "TT-GIFTSET-01";

    public static IReadOnlyList<HistoryProduct> Products { get; } =
    [
        new(TopSeller, "Trail Tee, Black, M", "apparel", 28.00m, 9.80m, null, 30),
        new("NW-TEE-SND-L", "Trail Tee, Sand, L", "apparel", 28.00m, 9.80m, null, 14),
        new(SpikeJacket, "Rain Shell Jacket", "apparel", 129.00m, 52.00m, 119.00m, 6),
        new("NW-CAP-OLV", "Field Cap, Olive", "apparel", 24.00m, 8.40m, null, 10),
        new(PromoMug, "Enamel Camp Mug", "home", 16.00m, 9.00m, null, 16),
        new(AdBlanket, "Wool Camp Blanket", "home", 89.00m, 41.00m, null, 5),
        new("NW-BOTTLE-1L", "Steel Bottle 1 L", "home", 34.00m, 12.50m, 29.00m, 12),
        new(DeadStock, "Copper Lantern", "home", 64.00m, 28.00m, null, 4),
        new("NW-SOCKS-MRN", "Merino Socks", "apparel", 22.00m, 7.20m, null, 12),
        new("NW-PACK-20L", "Day Pack 20 L", "outdoor", 79.00m, 31.00m, 69.00m, 7),
        new("NW-KNIFE-FLD", "Folding Knife", "outdoor", 45.00m, 17.00m, null, 6),
        new("NW-HAMMOCK", "Travel Hammock", "outdoor", 59.00m, 22.00m, null, 5),
    ];
}
