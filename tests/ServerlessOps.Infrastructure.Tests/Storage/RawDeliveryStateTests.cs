using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Storage;

/// <summary>A raw delivery's state in its blob index tags, against a real Azurite blob service, with its requests counted.</summary>
[Collection(SharedAzurite.Name)]
public sealed class RawDeliveryStateTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    private readonly BlobRequests _requests = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Processed_IsOneTagWrite_AndReadsBackProcessed_WithTheMetadataItArrivedWith()
    {
        var (store, container) = await NewStoreAsync();
        var delivery = Delivery("one-write");
        var created = await store.TryCreateAsync(delivery, Token);
        var arrived = (await container.GetBlobClient(delivery.BlobName).GetPropertiesAsync(cancellationToken: Token)).Value;
        _requests.Clear();

        await store.SetStateAsync(delivery with { StoredETag = created.WrittenETag }, RawDeliveryState.Processed, cancellationToken: Token);

        Assert.Equal(["PUT comp=tags"], _requests.Seen);
        var stored = (await store.GetAsync(delivery.BlobName, Token))!;
        Assert.Equal(RawDeliveryState.Processed, stored.State);
        Assert.Equal(arrived.Metadata, (await container.GetBlobClient(delivery.BlobName).GetPropertiesAsync(cancellationToken: Token)).Value.Metadata);
        Assert.DoesNotContain(RawDeliveryMetadata.State, arrived.Metadata.Keys);
    }

    [Fact]
    public async Task Quarantined_KeepsItsReasonInMetadata_AndAReplayThenEndsItProcessed()
    {
        var (store, _) = await NewStoreAsync();
        var delivery = Delivery("replayed");
        await store.TryCreateAsync(delivery, Token);

        await store.SetStateAsync((await store.GetAsync(delivery.BlobName, Token))!, RawDeliveryState.Quarantined, "unmapped SKU 'X-1'", Token);
        var quarantined = (await store.GetAsync(delivery.BlobName, Token))!;
        await store.SetStateAsync(quarantined, RawDeliveryState.Processed, cancellationToken: Token);
        var replayed = (await store.GetAsync(delivery.BlobName, Token))!;

        Assert.Equal((RawDeliveryState.Quarantined, "unmapped SKU 'X-1'"), (quarantined.State, quarantined.Reason));
        Assert.Equal((RawDeliveryState.Processed, "unmapped SKU 'X-1'"), (replayed.State, replayed.Reason));
    }

    [Fact]
    public async Task QuarantineReason_OnABlobChangedSinceTheCallersRead_IsWrittenOntoTheCurrentMetadata()
    {
        var (store, container) = await NewStoreAsync();
        var delivery = Delivery("changed");
        var created = await store.TryCreateAsync(delivery, Token);
        var blob = container.GetBlobClient(delivery.BlobName);
        var metadata = (await blob.GetPropertiesAsync(cancellationToken: Token)).Value.Metadata;
        metadata["note"] = "written meanwhile";
        await blob.SetMetadataAsync(metadata, cancellationToken: Token);

        await store.SetStateAsync(delivery with { StoredETag = created.WrittenETag }, RawDeliveryState.Quarantined, "bad payload", Token);

        var stored = (await store.GetAsync(delivery.BlobName, Token))!;
        Assert.Equal((RawDeliveryState.Quarantined, "bad payload"), (stored.State, stored.Reason));
        Assert.Equal("written meanwhile", (await blob.GetPropertiesAsync(cancellationToken: Token)).Value.Metadata["note"]);
    }

    [Fact]
    public async Task BlobWrittenBeforeTagsExisted_ReadsTheStateFromItsMetadata()
    {
        var (store, container) = await NewStoreAsync();
        var delivery = Delivery("legacy");
        var metadata = new Dictionary<string, string>(RawDeliveryMetadata.From(delivery)) { [RawDeliveryMetadata.State] = nameof(RawDeliveryState.Processed) };
        await container.GetBlobClient(delivery.BlobName).UploadAsync(BinaryData.FromBytes(delivery.Body), new BlobUploadOptions { Metadata = metadata }, Token);

        Assert.Equal(RawDeliveryState.Processed, (await store.GetAsync(delivery.BlobName, Token))!.State);
    }

    private static RawDelivery Delivery(string id) => ShopifyDeliveries.OrderCreated(id, ReceivedAt);

    private async Task<(RawDeliveryStore Store, BlobContainerClient Container)> NewStoreAsync()
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var service = new BlobServiceClient(azurite.ConnectionString, clientOptions);
        var options = new IngestionOptions { RawContainer = "raw-" + Guid.NewGuid().ToString("N")[..12] };
        var store = new RawDeliveryStore(service, Options.Create(options));
        await store.EnsureCreatedAsync(Token);
        return (store, service.GetBlobContainerClient(options.RawContainer));
    }

    /// <summary>The blob requests a client sends, as method and <c>comp</c> (e.g. "PUT comp=tags"; a plain upload is "PUT").</summary>
    private sealed class BlobRequests : HttpPipelineSynchronousPolicy
    {
        private readonly List<string> _seen = [];

        public IReadOnlyList<string> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public void Clear()
        {
            lock (_seen)
            {
                _seen.Clear();
            }
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            var query = message.Request.Uri.Query;
            var comp = System.Web.HttpUtility.ParseQueryString(query)["comp"];
            lock (_seen)
            {
                _seen.Add(comp is null ? message.Request.Method.ToString() : $"{message.Request.Method} comp={comp}");
            }
        }
    }
}
