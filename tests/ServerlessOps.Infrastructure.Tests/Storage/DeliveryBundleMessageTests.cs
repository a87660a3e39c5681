using System.Text;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>A bundle's queue message, inline or by blob name, and how every reader of the queue tells them apart.</summary>
public sealed class DeliveryBundleMessageTests
{
    /// <summary>Every field used; a body whose base64 holds a '+'.</summary>
    private static readonly RawDelivery Walmart = RawDeliveryBundleTests.Walmart with { Body = new byte[] { 0xfb, 0xff, 0xfe, 0x00, 0x7b, 0x0a, 0x7d } };

    [Fact]
    public void TryParse_OfAnInlineMessage_GivesBackTheBundleToTheTickAndTheBodyByteForByte()
    {
        var other = Walmart with { DeliveryKey = "shopify:shop:1", Channel = SalesChannel.Shopify, EventId = null, Body = Encoding.UTF8.GetBytes("{\"é\":\"\\n+\"}") };
        var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), [Walmart, other]);

        Assert.True(DeliveryBundleMessage.TryInline(bundle, out var json));
        Assert.True(DeliveryBundleMessage.TryParse(json, out var message));

        Assert.Equal(bundle.BlobName, message.BundleBlobName);
        Assert.Equal(2, message.Inline!.Deliveries.Count);
        foreach (var (sent, back) in bundle.Deliveries.Zip(message.Inline.Deliveries))
        {
            Assert.Equal(sent with { Body = default, Headers = back.Headers }, back with { Body = default });
            Assert.Equal(sent.Body.ToArray(), back.Body.ToArray());
            Assert.Equal(sent.Headers.OrderBy(h => h.Key), back.Headers.OrderBy(h => h.Key));
        }

        // The base64 bodies' '+' is written as is, not as a six-byte escape.
        Assert.DoesNotContain("\\u002B", json, StringComparison.Ordinal);
        Assert.Equal(json, DeliveryBundleMessage.InlineOf(bundle).ToJson());
    }

    [Fact]
    public void TryParse_OfAMessageByBlobName_AsVersionsBeforeInlineBundlesSentIt_IsABundleWithoutInlineContent()
    {
        Assert.True(DeliveryBundleMessage.TryParse("{\"bundle\":\"_bundles/20261205T010203456Z-abc\"}", out var message));

        Assert.Equal("_bundles/20261205T010203456Z-abc", message.BundleBlobName);
        Assert.Null(message.Inline);
    }

    [Fact]
    public void TryInline_ABundleLargerThanAQueueMessageTakes_IsRefusedSoItGoesToABlob()
    {
        var big = Walmart with { Body = new byte[DeliveryBundleMessage.MaxInlineBytes * 3 / 4] };
        var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), [big]);

        Assert.False(DeliveryBundleMessage.TryInline(bundle, out var json));
        Assert.Null(json);
    }

    [Fact]
    public void TryParse_AnInlineMessage_IsNotReadAsABundleBlobNameByAnOlderReader()
    {
        var json = DeliveryBundleMessage.InlineOf(new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(DateTimeOffset.UtcNow), [Walmart])).ToJson();

        // What the version before inline bundles looked for: a "bundle" property. Finding none, it fails the message
        // (which then waits whole in the poison queue) instead of looking for a blob that was never written.
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.False(document.RootElement.TryGetProperty("bundle", out _));
        Assert.False(document.RootElement.TryGetProperty("deliveries", out _));
    }

    [Fact]
    public void TryParse_AnInlineLineThatIsNotADelivery_NamesTheBundleAndTheLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => DeliveryBundleMessage.TryParse(
            "{\"inlineBundle\":\"_bundles/x\",\"lines\":[{\"deliveryKey\":\"k\",\"channel\":\"ebay\"}]}", out _));

        Assert.Contains("_bundles/x, line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ADeliveryMessage_IsNotABundle()
    {
        Assert.False(DeliveryBundleMessage.TryParse(new DeliveryMessage("brand-b/x", "brand-b", "k", DeliveryMessageKind.Replay).ToJson(), out var message));
        Assert.Null(message);
    }
}
