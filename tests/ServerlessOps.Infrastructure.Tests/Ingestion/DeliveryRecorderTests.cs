using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Infrastructure.Cosmos.Stores;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Infrastructure.Tests.Cosmos;
using ServerlessOps.Infrastructure.Tests.Storage;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Ingestion;

/// <summary>The recorder against a real Cosmos server (event log, quarantine) and Azurite (raw deliveries).</summary>
[Collection(SharedIngestionEmulators.Name)]
public sealed class DeliveryRecorderTests(CosmosServerFixture cosmos, AzuriteFixture azurite) : CosmosDatabaseTest(cosmos)
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 20, 19, 3, 12, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(ReceivedAt);

    private RawDeliveryStore? _raw;

    [Fact]
    public async Task QuarantineAsync_ReplayRequestedBetweenItsReadAndItsWrite_KeepsTheReplaysCountAndWritesTheNewReason()
    {
        var raw = await StoreAsync("replay-race");
        var quarantine = new CosmosQuarantineStore(Containers, Options, NullLogger<CosmosQuarantineStore>.Instance);
        await Recorder(quarantine).QuarantineAsync(raw, "line 3: quantity missing", Token);
        var racing = new ReplayBetweenReadAndWrite(quarantine);
        _time.Advance(TimeSpan.FromMinutes(5));

        await Recorder(racing).QuarantineAsync(raw, "Processing failed 5 times", Token);

        var entry = (await quarantine.GetAsync(raw.BrandId, raw.DeliveryKey, Token))!.Value;
        Assert.Equal(1, racing.ReplayCountWritten);
        Assert.Equal(1, entry.ReplayCount);
        Assert.NotNull(entry.LastReplayedAt);
        Assert.Equal("Processing failed 5 times", entry.Reason);
        Assert.Equal(QuarantineState.Open, entry.State);
    }

    private DeliveryRecorder Recorder(IQuarantineStore quarantine) => new(
        new CosmosChannelEventLog(Containers, Options, NullLogger<CosmosChannelEventLog>.Instance),
        quarantine,
        _raw!,
        _time,
        NullLogger<DeliveryRecorder>.Instance);

    private async Task<RawDelivery> StoreAsync(string id)
    {
        var service = StorageClients.CreateBlobService(new StorageOptions { ConnectionString = azurite.ConnectionString });
        _raw = new RawDeliveryStore(service, Microsoft.Extensions.Options.Options.Create(new IngestionOptions { RawContainer = "raw-" + Guid.NewGuid().ToString("N")[..12] }));
        await _raw.EnsureCreatedAsync(Token);
        var delivery = ShopifyDeliveries.OrderCreated(id, ReceivedAt);
        await _raw.TryCreateAsync(delivery, Token);
        return (await _raw.GetAsync(delivery.BlobName, Token))!;
    }
}
