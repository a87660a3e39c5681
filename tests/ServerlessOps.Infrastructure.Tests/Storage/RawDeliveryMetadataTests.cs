using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>
/// A raw delivery's blob metadata stays within Azure Storage's 8 KiB whatever the channel or a proxy put in its headers:
/// the delivery is acknowledged before its own blob is written, so an upload refused for its metadata would lose it.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class RawDeliveryMetadataTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Header values whose JSON or UTF-8 form is much longer than their character count.</summary>
    public static TheoryData<string> LongWhenEncoded => new()
    {
        new string('+', 3000),          // the default JSON encoder writes each as \u002B: six bytes
        new string('"', 3000),          // escaped by any encoder: two bytes each
        string.Concat(Enumerable.Repeat("€", 3000)),  // three UTF-8 bytes each
        string.Concat(Enumerable.Repeat("😀", 1500)), // four UTF-8 bytes per character, two chars each
    };

    [Theory]
    [MemberData(nameof(LongWhenEncoded))]
    public void Metadata_WithAHeaderLongWhenEncoded_AndTheLongestReason_StaysWithinTheServiceLimit(string value)
    {
        var delivery = Delivery(("X-Note", value), ("X-Other", value)) with { Reason = string.Concat(Enumerable.Repeat("é€", 2000)) };

        var metadata = RawDeliveryMetadata.From(delivery);

        Assert.InRange(RawDeliveryMetadata.Size(metadata), 1, RawDeliveryMetadata.MaxMetadataBytes);
    }

    [Fact]
    public void Metadata_WithEveryFieldAtTheEdgesLimits_StaysWithinTheServiceLimit()
    {
        var longest = string.Concat(Enumerable.Repeat("€", 256)); // DeliveryEnvelope.MaxFieldLength, three bytes each
        var delivery = Delivery(("X-Note", new string('a', 6000))) with
        {
            DeliveryId = longest,
            Topic = longest,
            EventId = longest,
            PathAndQuery = "/api/webhooks/shopify?" + new string('q', 2048 - 22), // WebhookReceiver.MaxPathAndQueryLength
            Reason = new string('r', 5000),
        };

        Assert.InRange(RawDeliveryMetadata.Size(RawDeliveryMetadata.From(delivery)), 1, RawDeliveryMetadata.MaxMetadataBytes);
    }

    [Fact]
    public void StorableHeaders_WhenNotAllFit_DropTheLargest_AndKeepTheChannelsOwn()
    {
        var delivery = Delivery(
            ("A-Proxy-Certificate", new string('c', 7000)), // sorts first: a cap by name order would keep it and drop the rest
            ("X-Shopify-Topic", "orders/create"),
            ("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
            ("X-Shopify-Hmac-Sha256", "XWmrwMey6OsLMeiZKwP4FppHH3cmAiiJJAweH5Jo4bM="),
            ("X-Shopify-Shop-Domain", "shop.example"));

        var kept = RawDeliveryMetadata.StorableHeaders(delivery);

        Assert.Equal(
            ["Content-Type", "X-Shopify-Hmac-Sha256", "X-Shopify-Shop-Domain", "X-Shopify-Topic", "X-Shopify-Webhook-Id"],
            kept.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StorableHeaders_ThatAlreadyFit_AreTheDeliverysOwn_SoTheEdgeAndEveryLaterReadSeeTheSame()
    {
        var delivery = Delivery(("X-Shopify-Topic", "orders/create"), ("X-Note", new string('+', 1000))).WithStorableHeaders();

        Assert.Same(delivery.Headers, RawDeliveryMetadata.StorableHeaders(delivery));
        Assert.Same(delivery.Headers, delivery.WithStorableHeaders().Headers);
    }

    [Fact]
    public void EncodeReason_LongerThanItsReserve_IsCutBetweenCharacters()
    {
        var reason = "x" + string.Concat(Enumerable.Repeat("€", 1000)); // 3,001 bytes; 1,024 falls inside a '€'

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(RawDeliveryMetadata.EncodeReason(reason)));

        Assert.Equal("x" + string.Concat(Enumerable.Repeat("€", 341)), decoded);
    }

    [Fact]
    public async Task Delivery_WithHeadersLongWhenEncoded_IsStoredQuarantinedAndReadBack_WithTheHeadersTheEdgeKept()
    {
        var service = new BlobServiceClient(azurite.ConnectionString);
        var store = new RawDeliveryStore(service, Options.Create(new IngestionOptions { RawContainer = "raw-" + Guid.NewGuid().ToString("N")[..12] }));
        await store.EnsureCreatedAsync(Token);
        var delivery = Delivery(
            ("X-Shopify-Topic", "orders/create"),
            ("X-Note", new string('+', 3000)),
            ("X-Big", string.Concat(Enumerable.Repeat("€", 4000)))).WithStorableHeaders();

        var created = await store.TryCreateAsync(delivery, Token);
        await store.SetStateAsync(delivery, RawDeliveryState.Quarantined, new string('r', 5000), Token);
        var stored = (await store.GetAsync(delivery.BlobName, Token))!;

        Assert.True(created.Created);
        Assert.Equal(RawDeliveryState.Quarantined, stored.State);
        Assert.Equal(delivery.Headers.OrderBy(h => h.Key), stored.Headers.OrderBy(h => h.Key));
        Assert.Contains("X-Note", stored.Headers.Keys);
    }

    private static RawDelivery Delivery(params (string Name, string Value)[] headers)
    {
        var delivery = ShopifyDeliveries.OrderCreated("metadata-" + Guid.NewGuid().ToString("N")[..8], ReceivedAt);
        var all = new Dictionary<string, string>(delivery.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            all[name] = value;
        }

        return delivery with { Headers = all };
    }
}
