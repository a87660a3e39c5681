using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.TestSupport;

internal static class Accounts
{
    public const string DeliveryKey = "test-delivery-key";

    public static readonly ChannelAccount Shopify = new("acme", SalesChannel.Shopify, "acme-outfitters.myshopify.com");
    public static readonly ChannelAccount Amazon = new("acme", SalesChannel.Amazon, "A2EXAMPLESELLR1");
    public static readonly ChannelAccount Walmart = new("acme", SalesChannel.Walmart, "10001234567");
    public static readonly ChannelAccount TikTok = new("acme", SalesChannel.TikTokShop, "7495512345678901234");
}
