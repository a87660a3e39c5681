using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// The orders the corpus's samples name, put on a stub marketplace so an intact Amazon, Walmart or TikTok Shop signal is
/// read back and stored; a mutated order id finds nothing and is quarantined, as it would be against the real channel.
/// </summary>
public static class BadInputStubOrders
{
    public static void Put(Marketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        marketplace.PutAmazonOrder("114-3941689-8772232", ChannelSamples.AmazonSampleGetOrder(), ChannelSamples.Text("amazon-orders-api-order-items.json"));
        marketplace.PutWalmartOrder("108812345678901", ChannelSamples.Text("walmart-get-order.json"));
        marketplace.PutTikTokOrder("576912345678901234", ChannelSamples.Text("tiktok-order-detail.json"));
    }
}
