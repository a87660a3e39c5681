using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>The recovery sweep's query over blob index tags, against a real Azurite blob service.</summary>
[Collection(SharedAzurite.Name)]
public sealed class RawDeliveryStrandedListingTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Cutoff = DateTimeOffset.UtcNow.AddMinutes(-10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListStrandedAsync_AmongProcessedAndFreshDeliveries_FindsOnlyOldOnesStillReceived()
    {
        var (store, _) = await NewStoreAsync();
        var stranded = Delivery("stranded", Cutoff.AddMinutes(-5));
        var processed = Delivery("processed", Cutoff.AddMinutes(-5));
        var fresh = Delivery("fresh", Cutoff.AddMinutes(5));
        foreach (var delivery in new[] { stranded, processed, fresh })
        {
            Assert.True((await store.TryCreateAsync(delivery, Token)).Created);
        }

        await store.SetStateAsync((await store.GetAsync(processed.BlobName, Token))!, RawDeliveryState.Processed, cancellationToken: Token);

        var found = await ListAsync(store);

        var listing = Assert.Single(found);
        Assert.Equal(stranded.BlobName, listing.BlobName);
        Assert.Equal(stranded.DeliveryKey, listing.DeliveryKey);
        Assert.Equal("brand-a", listing.BrandId);
    }

    [Fact]
    public async Task ListStrandedAsync_QuarantinedDelivery_IsNotStranded()
    {
        var (store, _) = await NewStoreAsync();
        var delivery = Delivery("quarantined", Cutoff.AddMinutes(-5));
        await store.TryCreateAsync(delivery, Token);

        await store.SetStateAsync((await store.GetAsync(delivery.BlobName, Token))!, RawDeliveryState.Quarantined, "bad payload", Token);

        Assert.Empty(await ListAsync(store));
    }

    [Fact]
    public async Task ListStrandedAsync_MoreStrandedThanTheBound_StopsAtTheBound()
    {
        var (store, _) = await NewStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.TryCreateAsync(Delivery($"many-{i}", Cutoff.AddMinutes(-1 - i)), Token);
        }

        var found = new List<RawDeliveryListing>();
        await foreach (var listing in store.ListStrandedAsync(Cutoff, max: 3, Token))
        {
            found.Add(listing);
        }

        Assert.Equal(3, found.Count);
    }

    private static RawDelivery Delivery(string id, DateTimeOffset receivedAt) => ShopifyDeliveries.OrderCreated(id, receivedAt);

    private static async Task<List<RawDeliveryListing>> ListAsync(RawDeliveryStore store)
    {
        var found = new List<RawDeliveryListing>();
        await foreach (var listing in store.ListStrandedAsync(Cutoff, max: 100, Token))
        {
            found.Add(listing);
        }

        return found;
    }

    private async Task<(RawDeliveryStore Store, BlobContainerClient Container)> NewStoreAsync()
    {
        var service = StorageClients.CreateBlobService(new StorageOptions { ConnectionString = azurite.ConnectionString });
        var options = new IngestionOptions { RawContainer = "raw-" + Guid.NewGuid().ToString("N")[..12] };
        var store = new RawDeliveryStore(service, Options.Create(options));
        await store.EnsureCreatedAsync(Token);
        return (store, service.GetBlobContainerClient(options.RawContainer));
    }
}
