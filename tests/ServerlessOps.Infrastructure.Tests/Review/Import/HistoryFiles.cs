namespace ServerlessOps.Infrastructure.Tests.Review.Import;

/// <summary>Small history files in the formats of Infrastructure/Review/Import/README.md.</summary>
internal static class HistoryFiles
{
    /// <summary>
    /// Three orders before go-live: an Amazon FBA order delivered with line fees and one unit returned and refunded; a
    /// Shopify order of two lines shipped with an order fee; a Walmart order cancelled before it shipped.
    /// </summary>
    public const string OrdersJsonLines =
        """{"channel":"amazon","channelAccountId":"A1SELLER","externalOrderId":"111-1","currency":"USD","createdAt":"2025-11-03T14:05:00Z","updatedAt":"2025-11-09T10:00:00Z","paidAt":"2025-11-03T14:06:00Z","shippedAt":"2025-11-04T09:00:00Z","deliveredAt":"2025-11-06T18:30:00Z","fulfilment":"channel","shipBy":"2025-11-05T07:59:59Z","lines":[{"lineId":"1","channelSku":"MUG-BLUE-FBA","sku":"MUG-BLUE","title":"Blue mug","quantity":2,"unitPrice":14.99,"discount":0,"tax":2.40}],"fees":[{"type":"referral","amount":4.50,"lineId":"1"},{"type":"fba","amount":6.44,"lineId":"1"}],"refunds":[{"id":"R-1","time":"2025-11-09T10:00:00Z","amount":16.19,"tax":1.20,"reason":"damaged","lines":[{"lineId":"1","quantity":1,"amount":14.99,"tax":1.20,"returned":true}]}]}""" + "\n"
        + """{"channel":"shopify","channelAccountId":"acme.myshopify.com","externalOrderId":"5001","displayNumber":"#1001","channelStatus":"fulfilled","currency":"USD","createdAt":"2025-11-10T08:00:00Z","paidAt":"2025-11-10T08:00:00Z","shippedAt":"2025-11-11T12:00:00Z","shippingPrice":"4.99","lines":[{"lineId":"11","channelSku":"TEE-M","quantity":1,"unitPrice":"20.00","discount":"2.00","tax":"1.44"},{"lineId":"12","channelSku":"CAP","quantity":3,"unitPrice":"9.50"}],"fees":[{"type":"shopify-payments","amount":"1.80"}]}""" + "\n"
        + "\n"
        + """{"channel":"walmart","channelAccountId":"partner-1","externalOrderId":"W-9","currency":"USD","createdAt":"2025-12-01T10:00:00Z","cancelledAt":"2025-12-01T11:00:00Z","cancelReason":"buyer","lines":[{"lineId":"1","channelSku":"WM-TEE","quantity":2,"unitPrice":19.00}]}""" + "\n";

    /// <summary>A Shopify order of two rows (an order fee, a line fee each) and an Amazon order of one row refunded in part.</summary>
    public const string OrdersCsv =
        "channel,channelAccountId,externalOrderId,currency,createdAt,updatedAt,paidAt,shippedAt,deliveredAt,fulfilment,shipBy,orderFees,lineId,channelSku,sku,title,quantity,unitPrice,discount,tax,lineFees,refundId,refundTime,refundQuantity,refundAmount,refundTax,refundReason,refundReturned\n"
        + "shopify,acme.myshopify.com,6001,USD,2025-10-03T14:05:00Z,2025-10-06T18:30:00Z,2025-10-03T14:05:00Z,2025-10-04T09:00:00Z,2025-10-06T18:30:00Z,merchant,2025-10-05T23:59:59Z,label=3.10,11,MUG-BLUE,MUG-BLUE,Blue mug,2,14.99,0,2.40,shopify-payments=1.17,,,,,,,\n"
        + "shopify,acme.myshopify.com,6001,USD,2025-10-03T14:05:00Z,2025-10-06T18:30:00Z,2025-10-03T14:05:00Z,2025-10-04T09:00:00Z,2025-10-06T18:30:00Z,merchant,2025-10-05T23:59:59Z,label=3.10,12,TEE-M,TEE-M,\"Tee, M\",1,20.00,2.00,1.44,shopify-payments=0.82;extra=0.10,,,,,,,\n"
        + "amazon,A1SELLER,7001,USD,2025-10-07T10:00:00Z,2025-10-20T10:00:00Z,2025-10-07T10:00:00Z,2025-10-08T10:00:00Z,,channel,,,1,SOCK-FBA,SOCK,Socks,4,5.00,0,0.40,referral=3.00,R-7,2025-10-20T10:00:00Z,1,5.00,0.10,too small,true\n";

    public const string AdSpendCsv =
        "day,channel,campaign,sku,spend,attributedSales,attributedUnits,currency\n"
        + "2025-11-30,amazon,SP-Mugs,MUG-BLUE,42.10,180.50,12,USD\n"
        + "2025-12-01,amazon,SP-Mugs,MUG-BLUE,40.00,150.00,10,USD\n"
        + "2025-12-01,amazon,SB-Brand,,25.00,0,0,USD\n"
        + "2025-12-02,tiktok,Spark-Tee,TEE-M,10.5,31.5,1,USD\n";

    public const string StockSnapshotsJsonLines =
        """{"day":"2025-11-30","sku":"MUG-BLUE","location":"main","onHand":140}""" + "\n"
        + """{"day":"2025-12-01","sku":"MUG-BLUE","location":"main","onHand":132}""" + "\n"
        + """{"day":"2025-12-01","sku":"MUG-BLUE","location":"amazon-fba:ATVPDKIKX0DER","onHand":40}""" + "\n";

    public const string TargetsCsv =
        "channel,month,revenue,marginPercent,currency\n"
        + "amazon,2025-12,48000,22.5,USD\n"
        + "shopify,2025-12,30000,,USD\n"
        + "amazon,2026-01,40000,20,USD\n";

    public const string ExchangeRatesJsonLines =
        """{"day":"2025-11-30","from":"EUR","to":"USD","rate":1.0842}""" + "\n"
        + """{"day":"2025-12-01","from":"EUR","to":"USD","rate":"1.0851"}""" + "\n"
        + """{"day":"2025-12-01","from":"GBP","to":"USD","rate":1.2703}""" + "\n"
        + """{"day":"2025-12-02","from":"CAD","to":"USD","rate":0.7391}""" + "\n";
}
