using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Privacy;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Tests.Storage;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Privacy;

/// <summary>Raw deliveries redacted in place against a real Azurite blob service: still the same delivery, without the buyer.</summary>
[Collection(SharedAzurite.Name)]
public sealed class RawDeliveryRedactorTests(AzuriteFixture azurite)
{
    private const string BuyerBody =
        """{"id": 6120001122334, "line_items": [], "email": "sam.buyer@example.com", "customer": {"id": 77, "first_name": "Samantha"}, "shipping_address": {"city": "Springfield", "zip": "62704", "country_code": "US"}}""";

    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 20, 19, 3, 12, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedactAsync_QuarantinedDeliveryQuotingTheBuyer_RewritesTheBodyKeepsStateAndTagsAndScrubsTheReason()
    {
        var (store, redactor, container) = await NewAsync();
        var delivery = Delivery("quarantined", "shop.example", BuyerBody);
        await store.TryCreateAsync(delivery, Token);
        await store.SetStateAsync((await store.GetAsync(delivery.BlobName, Token))!, RawDeliveryState.Quarantined, "zip: unreadable near 'Springfield 62704'", Token);

        var redaction = await redactor.RedactAsync(delivery.BlobName, concerns: null, knownValues: ["sam.buyer@example.com"], Token);

        Assert.NotNull(redaction);
        Assert.Equal(4, redaction.Redaction.FieldsErased);
        var stored = (await store.GetAsync(delivery.BlobName, Token))!;
        var body = Encoding.UTF8.GetString(stored.Body.Span);
        foreach (var value in new[] { "sam.buyer@example.com", "Samantha", "Springfield", "62704" })
        {
            Assert.DoesNotContain(value, body, StringComparison.Ordinal);
        }

        Assert.Contains("6120001122334", body, StringComparison.Ordinal);
        Assert.Equal(RawDeliveryState.Quarantined, stored.State);
        Assert.Equal("zip: unreadable near '[redacted] [redacted]'", stored.Reason);
        Assert.Equal(ReceivedAt, stored.ReceivedAt);
        Assert.Equal(delivery.Topic, stored.Topic);
        Assert.Equal("Quarantined", (await container.GetBlobClient(delivery.BlobName).GetTagsAsync(cancellationToken: Token)).Value.Tags["state"]);
    }

    [Fact]
    public async Task RedactAsync_Twice_SecondTimeErasesNothingAndLeavesTheBlobAsItWas()
    {
        var (store, redactor, container) = await NewAsync();
        var delivery = Delivery("twice", "shop.example", BuyerBody);
        await store.TryCreateAsync(delivery, Token);
        await redactor.RedactAsync(delivery.BlobName, concerns: null, knownValues: [], Token);
        var etag = (await container.GetBlobClient(delivery.BlobName).GetPropertiesAsync(cancellationToken: Token)).Value.ETag;

        var again = await redactor.RedactAsync(delivery.BlobName, concerns: null, knownValues: [], Token);

        Assert.False(again!.Redaction.Changed);
        Assert.Equal(etag, (await container.GetBlobClient(delivery.BlobName).GetPropertiesAsync(cancellationToken: Token)).Value.ETag);
    }

    [Fact]
    public async Task RedactAsync_DeliveryThatDoesNotConcernTheBuyer_IsLeftAlone()
    {
        var (store, redactor, _) = await NewAsync();
        var delivery = Delivery("other-buyer", "shop.example", BuyerBody);
        await store.TryCreateAsync(delivery, Token);
        var request = new PrivacyRequestNotice(PrivacyRequestKind.CustomerRedact, "shop.example", "99", ["1"], null);

        var redaction = await redactor.RedactAsync(delivery.BlobName, root => BuyerMatch.Concerns(root, request), request.KnownPersonalValues, Token);

        Assert.Null(redaction);
        Assert.Equal(BuyerBody, Encoding.UTF8.GetString((await store.GetAsync(delivery.BlobName, Token))!.Body.Span));
    }

    [Fact]
    public async Task ListAccountBlobsAsync_BrandWithTwoShops_ListsOnlyTheAccountsDeliveries()
    {
        var (store, redactor, _) = await NewAsync();
        var ours = new[] { Delivery("ours-1", "shop.example", "{}"), Delivery("ours-2", "shop.example", "{}") };
        foreach (var delivery in ours.Append(Delivery("theirs", "other-shop.example", "{}")))
        {
            await store.TryCreateAsync(delivery, Token);
        }

        var listed = new List<string>();
        await foreach (var name in redactor.ListAccountBlobsAsync("brand-a", SalesChannel.Shopify, "shop.example", Token))
        {
            listed.Add(name);
        }

        Assert.Equal(ours.Select(d => d.BlobName).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    private static RawDelivery Delivery(string id, string account, string body) => ShopifyDeliveries.OrderCreated(id, ReceivedAt, account, body);

    private async Task<(RawDeliveryStore Store, RawDeliveryRedactor Redactor, BlobContainerClient Container)> NewAsync()
    {
        var service = StorageClients.CreateBlobService(new StorageOptions { ConnectionString = azurite.ConnectionString });
        var options = Options.Create(new IngestionOptions { RawContainer = "raw-" + Guid.NewGuid().ToString("N")[..12] });
        var store = new RawDeliveryStore(service, options);
        await store.EnsureCreatedAsync(Token);
        return (store, new RawDeliveryRedactor(service, options), service.GetBlobContainerClient(options.Value.RawContainer));
    }
}
