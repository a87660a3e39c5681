using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Tests.Storage;

public sealed class RawDeliveryBundleTests
{
    /// <summary>A delivery using every field, also used by <see cref="DeliveryBundleMessageTests"/>.</summary>
    internal static readonly RawDelivery Walmart = new(
        "walmart:seller-1:evt-9", "brand-b", SalesChannel.Walmart, "seller-1", "evt-9", "PO_CREATED", "evt-9",
        new DateTimeOffset(2026, 12, 5, 1, 2, 3, 456, TimeSpan.Zero).AddTicks(7), "/api/webhooks/walmart?x=1",
        new Dictionary<string, string> { ["WM_SEC.TIMESTAMP"] = "1764896523456", ["Content-Type"] = "application/json" },
        new byte[] { 0xff, 0xfe, 0x00, 0x7b, 0x0a, 0x7d });

    [Fact]
    public void Parse_OfToBytes_GivesBackEveryFieldToTheTickAndTheBodyByteForByte()
    {
        var other = Walmart with { DeliveryKey = "shopify:shop:1", Channel = SalesChannel.Shopify, EventId = null, Body = Encoding.UTF8.GetBytes("{\"é\":\"\\n\"}") };
        var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), [Walmart, other]);

        var read = RawDeliveryBundle.Parse(bundle.BlobName, bundle.ToBytes());

        Assert.Equal(2, read.Deliveries.Count);
        foreach (var (sent, back) in bundle.Deliveries.Zip(read.Deliveries))
        {
            Assert.Equal(sent with { Body = default, Headers = back.Headers }, back with { Body = default });
            Assert.Equal(sent.Body.ToArray(), back.Body.ToArray());
            Assert.Equal(sent.Headers.OrderBy(h => h.Key), back.Headers.OrderBy(h => h.Key));
        }
    }

    [Fact]
    public void Parse_ALineThatIsNotADelivery_NamesTheBundleAndTheLine()
    {
        var good = new RawDeliveryBundle("_bundles/x", [Walmart]).ToBytes();
        var content = good.Concat(Encoding.UTF8.GetBytes("{\"deliveryKey\":\"k\",\"channel\":\"ebay\"}\n")).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => RawDeliveryBundle.Parse("_bundles/x", content));

        Assert.Contains("_bundles/x, line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrittenAt_OfANewName_IsItsTimeToTheMillisecond_AndNullForAForeignName()
    {
        var now = new DateTimeOffset(2026, 12, 5, 1, 2, 3, 456, TimeSpan.Zero);

        Assert.Equal(now, RawDeliveryBundle.WrittenAt(RawDeliveryBundle.NewBlobName(now.AddTicks(9))));
        Assert.Null(RawDeliveryBundle.WrittenAt("brand-a/shopify/key"));
        Assert.Null(RawDeliveryBundle.WrittenAt("_bundles/garbage"));
    }
}
