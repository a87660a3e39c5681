namespace ServerlessOps.Infrastructure.Tests.Catalog;

/// <summary>Good import files of every kind, in both formats.</summary>
internal static class CatalogFiles
{
    public const string CatalogCsv =
        "sku,title,category,status,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonSellerSku,amazonMarketplaceId,amazonFba,walmartSku,walmartShipNode,tiktokSellerSku,tiktokProductId,tiktokSkuId,tiktokWarehouseId\n"
        + "TEE-BLK-M,\"Tee, black, M\",Apparel,active,USD,24.00,19.99,4411,77,,ATVPDKIKX0DER,false,WM-TEE-M,node-1,,p-1,s-1,w-1\n"
        + "TEE-BLK-M,\"Tee, black, M\",Apparel,active,USD,24.00,19.99,,,TEE-BLK-M-FBA,ATVPDKIKX0DER,true,,,,,,\n"
        + "MUG-01,Mug,Kitchen,active,USD,12.50,,4412,77,,,,,,,,,\n";

    public const string CatalogJsonLines =
        "{\"sku\":\"CAP-RED\",\"title\":\"Cap, red\",\"category\":\"Apparel\",\"currency\":\"USD\",\"listPrice\":18,\"amazonMarketplaceId\":\"ATVPDKIKX0DER\",\"amazonSellerSku\":\"CAP-RED-A\"}\n"
        + "{\"sku\":\"CAP-BLU\",\"title\":\"Cap, blue\",\"currency\":\"USD\",\"walmartShipNode\":\"node-1\",\"walmartStockLocation\":\"west\"}\n";

    public const string CostsCsv =
        "sku,unitCost,currency,effectiveFrom,effectiveTo\n"
        + "TEE-BLK-M,6.40,USD,2026-01-01,\n"
        + "TEE-BLK-M,7.10,USD,2026-07-01,\n"
        + "MUG-01,3.2500,USD,2026-01-01,2026-03-01\n";

    public const string FeesJsonLines =
        "{\"channel\":\"amazon\",\"feeType\":\"referral\",\"percent\":15,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n"
        + "{\"channel\":\"amazon\",\"feeType\":\"referral\",\"percent\":12,\"currency\":\"USD\",\"effectiveFrom\":\"2026-07-01\"}\n"
        + "{\"channel\":\"amazon\",\"feeType\":\"referral\",\"category\":\"Apparel\",\"percent\":17,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n"
        + "{\"channel\":\"walmart\",\"feeType\":\"referral\",\"percent\":15,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n";

    public const string StockCountsCsv =
        "sku,location,countedQuantity,countedAt,reason\n"
        + "TEE-BLK-M,main,40,2026-01-05T08:00:00Z,cycle count\n"
        + "MUG-01,main,12,2026-01-05T08:00:00Z,\n";
}
