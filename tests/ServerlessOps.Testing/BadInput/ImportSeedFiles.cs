namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// One small valid file of every import kind in each format it is sent in (Infrastructure/Catalog/Import and
/// Infrastructure/Review/Import READMEs), for brand accounts of <see cref="Scenarios.ScenarioAccounts.Default"/>: the
/// starting points of the mutated import corpus.
/// </summary>
public static class ImportSeedFiles
{
    public static IReadOnlyList<ImportSeedFile> All { get; } =
    [
        new("catalog", ImportSeedFile.Csv,
            "sku,title,category,status,currency,listPrice,map,shopifyInventoryItemId,shopifyLocationId,amazonSellerSku,amazonMarketplaceId,amazonFba,walmartSku,walmartShipNode,tiktokSellerSku,tiktokProductId,tiktokSkuId,tiktokWarehouseId\n"
            + "TEE-BLK-M,\"Tee, black, M\",Apparel,active,USD,24.00,19.99,4411,77,,ATVPDKIKX0DER,false,WM-TEE-M,node-1,,p-1,s-1,w-1\n"
            + "TEE-BLK-M,\"Tee, black, M\",Apparel,active,USD,24.00,19.99,,,TEE-BLK-M-FBA,ATVPDKIKX0DER,true,,,,,,\n"
            + "MUG-01,Mug,Kitchen,active,USD,12.50,,4412,77,,,,,,,,,\n"),
        new("catalog", ImportSeedFile.JsonLines,
            "{\"sku\":\"CAP-RED\",\"title\":\"Cap, red\",\"category\":\"Apparel\",\"currency\":\"USD\",\"listPrice\":18,\"amazonMarketplaceId\":\"ATVPDKIKX0DER\",\"amazonSellerSku\":\"CAP-RED-A\"}\n"
            + "{\"sku\":\"CAP-BLU\",\"title\":\"Cap, blue\",\"currency\":\"USD\",\"walmartShipNode\":\"node-1\",\"walmartStockLocation\":\"west\"}\n"),
        new("costs", ImportSeedFile.Csv,
            "sku,unitCost,currency,effectiveFrom,effectiveTo\n"
            + "TEE-BLK-M,6.40,USD,2026-01-01,\n"
            + "TEE-BLK-M,7.10,USD,2026-07-01,\n"
            + "MUG-01,3.2500,USD,2026-01-01,2026-03-01\n"),
        new("fees", ImportSeedFile.JsonLines,
            "{\"channel\":\"amazon\",\"feeType\":\"referral\",\"percent\":15,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n"
            + "{\"channel\":\"amazon\",\"feeType\":\"referral\",\"category\":\"Apparel\",\"percent\":17,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n"
            + "{\"channel\":\"walmart\",\"feeType\":\"referral\",\"percent\":15,\"currency\":\"USD\",\"effectiveFrom\":\"2026-01-01\"}\n"),
        new("fees", ImportSeedFile.Csv,
            "channel,feeType,category,scope,basis,percent,fixedPerUnit,fixedPerOrder,currency,effectiveFrom,effectiveTo\n"
            + "amazon,referral,,perLine,net,15,0,0,USD,2026-01-01,\n"
            + "amazon,fba,Apparel,perLine,net,0,3.22,0,USD,2026-01-01,\n"),
        new("stock-counts", ImportSeedFile.Csv,
            "sku,location,countedQuantity,countedAt,reason\n"
            + "TEE-BLK-M,main,40,2026-01-05T08:00:00Z,cycle count\n"
            + "MUG-01,main,12,2026-01-05T08:00:00Z,\n"),
        new("orders", ImportSeedFile.JsonLines,
            "{\"channel\":\"amazon\",\"channelAccountId\":\"A2EXAMPLESELLR1\",\"externalOrderId\":\"111-1\",\"currency\":\"USD\",\"createdAt\":\"2025-11-03T14:05:00Z\",\"updatedAt\":\"2025-11-09T10:00:00Z\",\"paidAt\":\"2025-11-03T14:06:00Z\",\"shippedAt\":\"2025-11-04T09:00:00Z\",\"deliveredAt\":\"2025-11-06T18:30:00Z\",\"fulfilment\":\"channel\",\"shipBy\":\"2025-11-05T07:59:59Z\",\"lines\":[{\"lineId\":\"1\",\"channelSku\":\"MUG-BLUE-FBA\",\"sku\":\"MUG-BLUE\",\"title\":\"Blue mug\",\"quantity\":2,\"unitPrice\":14.99,\"discount\":0,\"tax\":2.40}],\"fees\":[{\"type\":\"referral\",\"amount\":4.50,\"lineId\":\"1\"}],\"refunds\":[{\"id\":\"R-1\",\"time\":\"2025-11-09T10:00:00Z\",\"amount\":16.19,\"tax\":1.20,\"reason\":\"damaged\",\"lines\":[{\"lineId\":\"1\",\"quantity\":1,\"amount\":14.99,\"tax\":1.20,\"returned\":true}]}]}\n"
            + "{\"channel\":\"shopify\",\"channelAccountId\":\"acme-outfitters.myshopify.com\",\"externalOrderId\":\"5001\",\"displayNumber\":\"#1001\",\"channelStatus\":\"fulfilled\",\"currency\":\"USD\",\"createdAt\":\"2025-11-10T08:00:00Z\",\"paidAt\":\"2025-11-10T08:00:00Z\",\"shippedAt\":\"2025-11-11T12:00:00Z\",\"shippingPrice\":\"4.99\",\"lines\":[{\"lineId\":\"11\",\"channelSku\":\"TEE-M\",\"quantity\":1,\"unitPrice\":\"20.00\",\"discount\":\"2.00\",\"tax\":\"1.44\"},{\"lineId\":\"12\",\"channelSku\":\"CAP\",\"quantity\":3,\"unitPrice\":\"9.50\"}],\"fees\":[{\"type\":\"shopify-payments\",\"amount\":\"1.80\"}]}\n"),
        new("orders", ImportSeedFile.Csv,
            "channel,channelAccountId,externalOrderId,currency,createdAt,updatedAt,paidAt,shippedAt,deliveredAt,fulfilment,shipBy,orderFees,lineId,channelSku,sku,title,quantity,unitPrice,discount,tax,lineFees,refundId,refundTime,refundQuantity,refundAmount,refundTax,refundReason,refundReturned\n"
            + "shopify,acme-outfitters.myshopify.com,6001,USD,2025-10-03T14:05:00Z,2025-10-06T18:30:00Z,2025-10-03T14:05:00Z,2025-10-04T09:00:00Z,2025-10-06T18:30:00Z,merchant,2025-10-05T23:59:59Z,label=3.10,11,MUG-BLUE,MUG-BLUE,Blue mug,2,14.99,0,2.40,shopify-payments=1.17,,,,,,,\n"
            + "shopify,acme-outfitters.myshopify.com,6001,USD,2025-10-03T14:05:00Z,2025-10-06T18:30:00Z,2025-10-03T14:05:00Z,2025-10-04T09:00:00Z,2025-10-06T18:30:00Z,merchant,2025-10-05T23:59:59Z,label=3.10,12,TEE-M,TEE-M,\"Tee, M\",1,20.00,2.00,1.44,shopify-payments=0.82;extra=0.10,,,,,,,\n"
            + "amazon,A2EXAMPLESELLR1,7001,USD,2025-10-07T10:00:00Z,2025-10-20T10:00:00Z,2025-10-07T10:00:00Z,2025-10-08T10:00:00Z,,channel,,,1,SOCK-FBA,SOCK,Socks,4,5.00,0,0.40,referral=3.00,R-7,2025-10-20T10:00:00Z,1,5.00,0.10,too small,true\n"),
        new("ad-spend", ImportSeedFile.Csv,
            "day,channel,campaign,sku,spend,attributedSales,attributedUnits,currency\n"
            + "2025-11-30,amazon,SP-Mugs,MUG-BLUE,42.10,180.50,12,USD\n"
            + "2025-12-01,amazon,SB-Brand,,25.00,0,0,USD\n"
            + "2025-12-02,tiktok,Spark-Tee,TEE-M,10.5,31.5,1,USD\n"),
        new("stock-snapshots", ImportSeedFile.JsonLines,
            "{\"day\":\"2025-11-30\",\"sku\":\"MUG-BLUE\",\"location\":\"main\",\"onHand\":140}\n"
            + "{\"day\":\"2025-12-01\",\"sku\":\"MUG-BLUE\",\"location\":\"amazon-fba:ATVPDKIKX0DER\",\"onHand\":40}\n"),
        new("targets", ImportSeedFile.Csv,
            "channel,month,revenue,marginPercent,currency\n"
            + "amazon,2025-12,48000,22.5,USD\n"
            + "shopify,2025-12,30000,,USD\n"),
        new("exchange-rates", ImportSeedFile.JsonLines,
            "{\"day\":\"2025-11-30\",\"from\":\"EUR\",\"to\":\"USD\",\"rate\":1.0842}\n"
            + "{\"day\":\"2025-12-01\",\"from\":\"GBP\",\"to\":\"USD\",\"rate\":\"1.2703\"}\n"),
    ];
}
