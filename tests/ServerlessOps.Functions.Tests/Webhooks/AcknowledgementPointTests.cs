using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Storage;
using ServerlessOps.Testing.Emulators;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Webhooks;

/// <summary>
/// What <c>Ingestion:AcknowledgeAfter</c> promises when only the queue service is down: the blob store still
/// answers, so a delivery too big to travel inside its queue message can be stored but not queued, and one small
/// enough to travel inside it cannot be stored at all.
/// </summary>
public sealed class AcknowledgementPointTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoredMode_QueueServiceDown_AcknowledgesADeliveryTooBigForAMessageAndLeavesItForTheRecoverySweep()
    {
        await using var outage = await QueueOutage.StartAsync(fixture, AcknowledgementPoint.Stored);

        // Past what one queue message carries, so its bundle is written as a blob, acknowledged, and queued after.
        var body = Deliveries.ShopifyBody("shopify-orders-cancelled.json", node => node["note"] = new string('x', DeliveryBundleMessage.MaxInlineBytes));
        var ack = await outage.Client.SendAcceptedAsync(Deliveries.Shopify(body, "orders/cancelled"));

        Assert.Equal("accepted", ack.Status);

        // The sweep's own question, asked as if StrandedAfter had passed: the bundle holding it is found, so it is not lost.
        var bundles = outage.Services.GetRequiredService<RawDeliveryBundles>();
        var stranded = new List<string>();
        await foreach (var name in bundles.ListWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100, Token))
        {
            stranded.AddRange((await bundles.ReadAsync(name, Token))!.Deliveries.Select(d => d.DeliveryKey));
        }

        Assert.Contains(ack.DeliveryKey, stranded);
    }

    [Fact]
    public async Task StoredMode_QueueServiceDown_RefusesADeliverySmallEnoughForAMessageAndStoresNothing()
    {
        await using var outage = await QueueOutage.StartAsync(fixture, AcknowledgementPoint.Stored);

        using var response = await outage.Client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));

        // Its bundle travels inside the queue message, whose send failed: nothing was stored, so it is refused and its
        // channel sends it again; no blob waits for the recovery sweep, and none is needed.
        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "Retry later");
        var bundles = outage.Services.GetRequiredService<RawDeliveryBundles>();
        await foreach (var name in bundles.ListWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 100, Token))
        {
            Assert.Fail($"bundle {name} was written although its delivery was refused");
        }
    }

    [Fact]
    public async Task QueuedMode_QueueServiceDown_Is503SoTheChannelRetries()
    {
        await using var outage = await QueueOutage.StartAsync(fixture, AcknowledgementPoint.Queued);

        using var response = await outage.Client.SendAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-cancelled.json"), "orders/cancelled"));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "Retry later");
    }

    /// <summary>An app on an Azurite of its own whose queue process is killed once a first delivery went through.</summary>
    private sealed class QueueOutage : IAsyncDisposable
    {
        private readonly AzuriteFixture _azurite;
        private readonly FunctionAppFactory _factory;

        private QueueOutage(AzuriteFixture azurite, FunctionAppFactory factory)
        {
            _azurite = azurite;
            _factory = factory;
            Client = new AppClient(factory.CreateClient());
        }

        public AppClient Client { get; }

        public IServiceProvider Services => _factory.Services;

        public static async Task<QueueOutage> StartAsync(FunctionAppFixture fixture, AcknowledgementPoint acknowledgeAfter)
        {
            var azurite = await AzuriteFixture.StartAsync(Token);
            var settings = fixture.Settings(
                LocalStackSettings.NewRunId(),
                overrides: TestApp.TriggersOff(new Dictionary<string, string> { ["Ingestion:AcknowledgeAfter"] = acknowledgeAfter.ToString() }),
                azurite: azurite);
            var outage = new QueueOutage(azurite, new FunctionAppFactory(settings));

            await outage.Client.SendAcceptedAsync(Deliveries.Shopify(Deliveries.ShopifyBody("shopify-orders-create.json"), "orders/create"));
            using var queueProcess = Process.GetProcessById(azurite.ProcessIds[1]);
            queueProcess.Kill();
            await queueProcess.WaitForExitAsync(Token);
            return outage;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _factory.DisposeAsync();
            await _azurite.DisposeAsync();
        }
    }
}
